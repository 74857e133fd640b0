// The one line a merchant pastes into the shop's template so product pages offer the back-in-stock sign-up
// (the storefront widget, built to /widget/sms-widget.js).
export const widgetSnippet = (origin: string, shop: string): string =>
  `<script src="${origin}/widget/sms-widget.js" data-shop="${shop}" data-api="${origin}" defer></script>`;
