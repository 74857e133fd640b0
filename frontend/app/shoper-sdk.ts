// The Shoper admin's JS SDK: loaded only when the page really runs inside a Shoper admin panel (an iframe whose
// parent is not this machine), so local runs and tests never reach out to the CDN. It gives us the admin's CSS
// (params.styles), show/adjustIframeSize and flashMessage; without it our own CSS and toasts do the same job.

const SDK_URL = 'https://dcsaascdn.net/js/dc-sdk-1.0.5.min.js';

interface ShopAppInstance {
  init(config: null, ready: (params: { styles?: string[] }, app: ShopAppInstance) => void, failed?: (message: string) => void): void;
  show(config: null, done: () => void): void;
  adjustIframeSize(): void;
  flashMessage(message: { msg: string; type: 'success' | 'error' | 'warning' | 'info' }): void;
}

declare global {
  interface Window {
    ShopApp?: new (ready: (app: ShopAppInstance) => void, autoInit: boolean) => unknown;
  }
}

let app: ShopAppInstance | undefined;

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\]|::1)$/i;

/** True inside a Shoper admin: framed, opened with the signed parameters, by a page that is not on loopback. */
export function runsInsideShoper(input: {
  framed: boolean;
  hasSignedParameters: boolean;
  referrer: string;
  sdkParam: string | null;
}): boolean {
  if (input.sdkParam === '0') return false;
  if (input.sdkParam === '1') return true;
  if (!input.framed || !input.hasSignedParameters || input.referrer === '') return false;
  try {
    return !LOOPBACK.test(new URL(input.referrer).hostname);
  } catch {
    return false;
  }
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`SDK_LOAD_FAILED ${src}`));
    document.head.appendChild(script);
  });
}

function injectStyles(urls: readonly string[]) {
  for (const href of urls) {
    if (!/^https:\/\//.test(href)) continue;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.appendChild(link);
  }
  document.documentElement.classList.add('shoper-styled');
}

/** Connects to the Shoper admin when we are in it; resolves either way (never blocks the app). */
export async function connectShoperAdmin(inside: boolean): Promise<boolean> {
  if (!inside) return false;
  try {
    if (!window.ShopApp) await loadScript(SDK_URL);
    const ShopApp = window.ShopApp;
    if (!ShopApp) return false;
    await new Promise<void>((resolve) => {
      const timer = window.setTimeout(resolve, 5000);
      new ShopApp((instance) => {
        instance.init(
          null,
          (params, ready) => {
            injectStyles(params.styles ?? []);
            app = ready;
            // The frame follows the content's height whatever changes it (a list page, an error, a toast).
            if (typeof ResizeObserver === 'function') new ResizeObserver(() => adjustIframeSize()).observe(document.body);
            ready.show(null, () => {
              ready.adjustIframeSize();
              window.clearTimeout(timer);
              resolve();
            });
          },
          () => {
            window.clearTimeout(timer);
            resolve();
          },
        );
      }, true);
    });
    return app !== undefined;
  } catch {
    return false;
  }
}

export const shoperConnected = (): boolean => app !== undefined;

/** Shoper's own confirmation banner; false when the SDK is absent (the caller shows a toast instead). */
export function flashMessage(msg: string, type: 'success' | 'error' | 'warning' | 'info'): boolean {
  if (!app) return false;
  app.flashMessage({ msg, type });
  return true;
}

let pending = false;
/** The iframe follows the content's height; called after renders, coalesced to one call per frame. */
export function adjustIframeSize() {
  if (!app || pending) return;
  pending = true;
  window.requestAnimationFrame(() => {
    pending = false;
    app?.adjustIframeSize();
  });
}
