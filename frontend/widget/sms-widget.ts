// The storefront widget: one <script> line in the shop's template. On an unavailable product's page it offers
// "Powiadom mnie SMS-em o dostępności"; for a logged-in client it reports basket activity. No framework.
import { widgetConfig } from './api';
import { loggedInClientId, reportBasket } from './basket';
import { isUnavailable, mountPoint, productId } from './detect';
import { renderSignUpForm } from './form';
import { pickLang } from './i18n';
import { readSettings, type WidgetSettings } from './settings';

// Read while the script runs: document.currentScript is null afterwards.
const script =
  (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[data-shop][src*="sms-widget"]');

async function start(settings: WidgetSettings) {
  const lang = pickLang(settings.lang, document.documentElement.lang);
  const config = await widgetConfig(settings, lang);
  if (!config) return;
  const win = window as Window & { Shop?: { pageType?: string; pageId?: string } };
  const clientId = await loggedInClientId(window);

  if (config.backInStock) {
    const product = productId(settings, document, win.Shop);
    if (product && isUnavailable(settings, document) && !document.querySelector('.smsw')) {
      const form = renderSignUpForm(settings, lang, product, clientId);
      const place = mountPoint(settings, document);
      if ('after' in place) place.after.after(form);
      else place.inside.appendChild(form);
    }
  }
  if (config.basketReminders && settings.basket && clientId) await reportBasket(settings, lang, clientId);
}

const settings = script ? readSettings(script) : undefined;
if (settings) {
  const run = () => void start(settings).catch(() => undefined);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
}
