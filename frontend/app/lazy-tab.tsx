// A tab's code is fetched when the tab is first opened (esbuild splits each dynamic import() into its own file), so
// the first screen loads only the frame and the tab it shows. Until the code is here the panel shows the usual
// "Wczytywanie…" (the e2e tests and the bench wait for it to go). If it cannot be fetched (a dropped connection, or
// a deployment since the panel was opened) the panel says so; trying again means loading the panel again, because
// the browser remembers a failed import() of a file for the page's lifetime. The session survives the reload
// (session.ts keeps it in sessionStorage) and the URL's hash opens the same tab.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { L } from './i18n';
import { LoadFailed, Loading } from './components/ui';
import { adjustIframeSize } from './shoper-sdk';

export interface LazyTab<P> {
  (props: P): JSX.Element;
  /** Starts fetching the code without rendering; safe to call any number of times. */
  preload(): Promise<unknown>;
}

export function lazyTab<P extends object>(load: () => Promise<ComponentType<P>>): LazyTab<P> {
  let component: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (loaded) => (component = loaded),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));

  function Lazy(props: P) {
    const [, setLoaded] = useState(0);
    const [failed, setFailed] = useState(false);
    // Whether this render had the code: it may arrive (preloaded) between the render and this effect, which then
    // still has to render again.
    const shown = component !== undefined;
    useEffect(() => {
      if (shown) return;
      let mounted = true;
      preload().then(
        () => mounted && setLoaded((n) => n + 1),
        () => mounted && setFailed(true),
      );
      return () => {
        mounted = false;
      };
    }, []);
    // The Shoper iframe follows the tab's content once it is here (as after any render of the app).
    useEffect(() => {
      if (shown) adjustIframeSize();
    }, [shown]);
    if (component) {
      const Component = component;
      return <Component {...props} />;
    }
    if (failed) {
      return (
        <LoadFailed
          message={L(
            'Nie udało się wczytać tej zakładki: brak połączenia albo aplikacja została w międzyczasie zaktualizowana. ' +
              'Kliknij „Spróbuj ponownie”, aby wczytać panel jeszcze raz.',
            'This tab could not be loaded: the connection failed or the app has been updated meanwhile. ' +
              'Click "Try again" to load the panel again.',
          )}
          retry={() => window.location.reload()}
        />
      );
    }
    return <Loading />;
  }
  Lazy.preload = preload;
  return Lazy;
}
