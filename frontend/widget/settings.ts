// What the merchant sets on the one <script> line: data-shop (licence), data-api (the app's public URL), and
// optional overrides for pages whose template differs from Shoper's defaults.
export interface WidgetSettings {
  shop: string;
  api: string;
  lang?: string;
  productId?: string;
  /** "true"/"false" forces the availability; otherwise it is detected from the page. */
  unavailable?: string;
  unavailableSelector?: string;
  unavailableText?: string;
  mount?: string;
  consentText?: string;
  consentVersion?: string;
  basket: boolean;
}

export function readSettings(script: HTMLScriptElement): WidgetSettings | undefined {
  const d = script.dataset;
  if (!d.shop) return undefined;
  let api = d.api;
  if (!api) {
    try {
      api = new URL(script.src).origin;
    } catch {
      return undefined;
    }
  }
  return {
    shop: d.shop,
    api: api.replace(/\/+$/, ''),
    lang: d.lang,
    productId: d.productId,
    unavailable: d.unavailable,
    unavailableSelector: d.unavailableSelector,
    unavailableText: d.unavailableText,
    mount: d.mount,
    consentText: d.consentText,
    consentVersion: d.consentVersion,
    basket: d.basket !== 'off',
  };
}

/** The consent text's version as stored with each sign-up: the merchant's own, or a hash of a custom text. */
export function consentVersion(settings: WidgetSettings): string {
  if (settings.consentVersion) return settings.consentVersion.replace(/[^A-Za-z0-9._-]/g, '').slice(0, 40) || 'custom';
  if (!settings.consentText) return 'default-1';
  let hash = 2166136261;
  for (let i = 0; i < settings.consentText.length; i++) hash = Math.imul(hash ^ settings.consentText.charCodeAt(i), 16777619);
  return `c${(hash >>> 0).toString(36)}`;
}
