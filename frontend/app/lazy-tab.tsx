// A tab's code is fetched when the tab is first opened (esbuild splits each dynamic import() into its own file), so
// the first screen loads only the frame and the tab it shows. Until the code is here the panel shows the usual
// "Wczytywanie…" (the e2e tests and the bench wait for it to go); if it cannot be fetched (a dropped connection, or
// a deployment replaced the files since the panel was opened) the panel says so and offers to try again.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { L } from './i18n';
import { LoadFailed, Loading } from './components/ui';

export interface LazyTab<P> {
  (props: P): JSX.Element;
  /** Starts fetching the code (again, after a failure) without rendering; safe to call any number of times. */
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
    useEffect(() => {
      if (component || failed) return;
      preload().then(
        () => setLoaded((n) => n + 1),
        () => setFailed(true),
      );
    }, [failed]);
    if (component) {
      const Component = component;
      return <Component {...props} />;
    }
    if (failed) {
      return (
        <LoadFailed
          message={L(
            'Nie udało się wczytać tej zakładki. Sprawdź połączenie i spróbuj ponownie; jeśli to nie pomoże, odśwież stronę panelu sklepu.',
            'This tab could not be loaded. Check the connection and try again; if that does not help, reload the shop admin page.',
          )}
          retry={() => setFailed(false)}
        />
      );
    }
    return <Loading />;
  }
  Lazy.preload = preload;
  return Lazy;
}
