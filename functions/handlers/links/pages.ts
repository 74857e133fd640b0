// The pages a short link may show instead of a redirect: the opt-out confirmation and its result, and "this link
// does not work (any more)". Plain HTML in the shop's language (Polish), no script, every shop value escaped.
import type { ShortLink } from '#domain/short-links';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, body: string) => `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222;line-height:1.5}
h1{font-size:1.4rem}button{font-size:1rem;padding:.7rem 1.2rem;border:0;border-radius:.4rem;background:#c0392b;color:#fff;cursor:pointer}
a{color:#1a5fb4}.muted{color:#666;font-size:.9rem}</style></head>
<body><main>${body}</main></body></html>`;

const shopLabel = (link: Pick<ShortLink, 'shopName' | 'shopUrl'>) => {
  if (link.shopName) return link.shopName;
  try {
    return new URL(link.shopUrl).host;
  } catch {
    return 'tego sklepu';
  }
};

const maskedPhone = (phone: string) => `${'•'.repeat(Math.max(0, phone.length - 6))}${phone.slice(-3)}`;

export function optOutPage(link: ShortLink): string {
  const shop = escapeHtml(shopLabel(link));
  return page(
    `Nie chcę więcej SMS od ${shopLabel(link)}`,
    `<h1>Nie chcę więcej SMS od ${shop}</h1>
<p>Po potwierdzeniu ${shop} nie wyśle już na numer <strong>${escapeHtml(maskedPhone(link.phone))}</strong> wiadomości marketingowych
(okazje, przypomnienia o koszyku, dostępność produktów). SMS-y o Twoich zamówieniach nadal będą przychodzić.</p>
<form method="post"><button type="submit">Nie chcę więcej SMS</button></form>
<p class="muted"><a href="${escapeHtml(link.shopUrl)}">Wróć do sklepu</a></p>`,
  );
}

export function optOutDonePage(link: ShortLink): string {
  const shop = escapeHtml(shopLabel(link));
  return page(
    'Rezygnacja przyjęta',
    `<h1>Gotowe — nie wyślemy więcej SMS-ów marketingowych</h1>
<p>${shop} nie wyśle już na ten numer wiadomości marketingowych. SMS-y o Twoich zamówieniach nadal będą przychodzić.</p>
<p><a href="${escapeHtml(link.shopUrl)}">Przejdź do sklepu</a></p>`,
  );
}

export function expiredPage(about: { shopUrl?: string; shopName?: string; failed?: boolean }): string {
  const back = about.shopUrl
    ? `<p><a href="${escapeHtml(about.shopUrl)}">Przejdź do sklepu ${escapeHtml(about.shopName ?? shopLabel({ shopUrl: about.shopUrl }))}</a></p>`
    : '<p>Wpisz adres sklepu w przeglądarce albo otwórz link z nowszej wiadomości.</p>';
  const lead = about.failed
    ? 'Nie udało się teraz otworzyć tego linku. Spróbuj ponownie za chwilę.'
    : 'Ten link jest nieprawidłowy albo wygasł (linki z SMS działają przez 90 dni).';
  return page('Link nie działa', `<h1>Link nie działa</h1><p>${lead}</p>${back}`);
}
