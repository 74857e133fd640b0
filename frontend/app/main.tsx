// Entry point: read the iframe parameters, sign in, connect to the Shoper admin when inside it, render the app.
import { render } from 'preact';
// Installs the Preact integration of signals: components re-render when a signal they read changes.
import '@preact/signals';
import './styles.css';
import { loggedAccountProblem, refreshSmsapiState } from './api/account';
import { apiCall } from './api/client';
import { App, preloadFirstTab } from './App';
import { OAuthDone, SignedOut } from './components/chrome';
import { locale, localeFrom, L } from './i18n';

const LOCALE_KEY = 'sms-app-locale';
const rememberedLocale = (): string | null => {
  try {
    return window.localStorage.getItem(LOCALE_KEY);
  } catch {
    return null;
  }
};
const rememberLocale = (value: string) => {
  try {
    window.localStorage.setItem(LOCALE_KEY, value);
  } catch {
    // Storage may be blocked in a third-party iframe: the result window then follows the browser's language.
  }
};
import { readIframeContext, signIn } from './session';
import { connectShoperAdmin, runsInsideShoper } from './shoper-sdk';
import { guardPageLeave } from './unsaved';
import { ADMIN } from '#contracts/admin';

async function start() {
  const root = document.getElementById('app')!;
  // The static "Wczytywanie…" placeholder goes: Preact renders into the element, it does not replace its children.
  root.textContent = '';
  const context = readIframeContext(window.location.search);
  document.documentElement.lang = context.locale?.toLowerCase().startsWith('en') ? 'en' : 'pl';

  // The SMSAPI consent window comes back here (?smsapi=authorized|denied|error) without iframe parameters. It holds
  // no session: it hands SMSAPI's code and state to the app window that opened it, which completes the connection.
  if (context.smsapiResult && !context.signed) {
    // It speaks the language the panel was last opened in (remembered by this browser).
    locale.value = localeFrom(rememberedLocale() ?? navigator.language);
    document.documentElement.lang = locale.value;
    const params = new URLSearchParams(window.location.search);
    // The code stays out of the history and of any later Referer.
    window.history.replaceState(null, '', `${window.location.pathname}?smsapi=${encodeURIComponent(context.smsapiResult)}`);
    let handedOver = false;
    try {
      if (window.opener) {
        window.opener.postMessage(
          {
            type: 'smsapi-oauth',
            result: context.smsapiResult,
            code: params.get('code') ?? undefined,
            state: params.get('state') ?? undefined,
          },
          window.location.origin,
        );
        handedOver = true;
      }
    } catch {
      // The opener may be gone (or cut off by the consent page): the window says so.
    }
    render(<OAuthDone result={context.smsapiResult} handedOver={handedOver} reason={params.get('reason') ?? undefined} />, root);
    return;
  }

  // The first tab's code comes while the app signs in and connects to the Shoper admin.
  preloadFirstTab();
  const inside = runsInsideShoper({
    framed: window.self !== window.top,
    hasSignedParameters: context.signed !== undefined,
    referrer: document.referrer,
    sdkParam: new URLSearchParams(window.location.search).get('sdk'),
  });
  const [session] = await Promise.all([signIn(context), connectShoperAdmin(inside)]);
  document.documentElement.lang = locale.value;
  rememberLocale(locale.value);
  if (!session.ok) {
    render(<SignedOut detail={session.reason === 'no-parameters' ? undefined : session.message} />, root);
    return;
  }
  guardPageLeave();
  render(<App shop={session.shop} />, root);
  // Background: the account state drives the counters and the account-problem banner on every tab.
  refreshSmsapiState().catch(() => undefined);
  apiCall(ADMIN.errors, { query: { limit: 1 } })
    .then((page) => {
      loggedAccountProblem.value = page.accountProblem;
    })
    .catch(() => undefined);
}

start().catch((error: unknown) => {
  const root = document.getElementById('app');
  if (root)
    render(
      <SignedOut detail={`${L('Błąd uruchomienia', 'Start-up error')}: ${error instanceof Error ? error.message : String(error)}`} />,
      root,
    );
});
