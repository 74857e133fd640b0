// The admin app: the tabs of the manual (plus settings and the message history), one visible at a time,
// chosen by the URL hash so a tab can be linked and survives a reload.
import { useEffect, useRef, useState } from 'preact/hooks';
import { sessionLost } from './api/client';
import { AccountBanner, SignedOut, Toasts } from './components/chrome';
import { SetupBanner } from './components/setup-banner';
import { LimitsBanner } from './components/limits-banner';
import { L } from './i18n';
import { adjustIframeSize } from './shoper-sdk';
import { confirmDiscard } from './unsaved';
import { lazyTab, type LazyTab } from './lazy-tab';

type TabProps = { shop: string };

// Each tab's code is its own file, fetched when the tab is first opened (see lazy-tab.tsx).
const SmsapiTab = lazyTab<TabProps>(() => import('./tabs/SmsapiTab').then((m) => m.SmsapiTab));
const NewOrdersTab = lazyTab<TabProps>(() => import('./tabs/NewOrdersTab').then((m) => m.NewOrdersTab));
const StaffAlertsTab = lazyTab<TabProps>(() => import('./tabs/StaffAlertsTab').then((m) => m.StaffAlertsTab));
const StatusesTab = lazyTab<TabProps>(() => import('./tabs/StatusesTab').then((m) => m.StatusesTab));
const BackInStockTab = lazyTab<TabProps>(() => import('./tabs/TemplateTab').then((m) => m.BackInStockTab));
const CelebrationsTab = lazyTab<TabProps>(() => import('./tabs/CelebrationsTab').then((m) => m.CelebrationsTab));
const AbandonedCartTab = lazyTab<TabProps>(() => import('./tabs/TemplateTab').then((m) => m.AbandonedCartTab));
const ErrorsTab = lazyTab<TabProps>(() => import('./tabs/ErrorsTab').then((m) => m.ErrorsTab));
const SubscriptionsTab = lazyTab<TabProps>(() => import('./tabs/SubscriptionsTab').then((m) => m.SubscriptionsTab));
const ScheduledTab = lazyTab<TabProps>(() => import('./tabs/ScheduledTab').then((m) => m.ScheduledTab));
const StatsTab = lazyTab<TabProps>(() => import('./tabs/StatsTab').then((m) => m.StatsTab));
const SettingsTab = lazyTab<TabProps>(() => import('./tabs/SettingsTab').then((m) => m.SettingsTab));
const HistoryTab = lazyTab<TabProps>(() => import('./tabs/HistoryTab').then((m) => m.HistoryTab));

export interface TabDefinition {
  id: string;
  label: () => string;
  /** The tab's component; its code is fetched when it first renders (or is preloaded). */
  Tab: LazyTab<TabProps>;
}

export const TABS: TabDefinition[] = [
  { id: 'konto', label: () => L('Konto SMSAPI', 'SMSAPI account'), Tab: SmsapiTab },
  { id: 'nowe-zamowienia', label: () => L('Nowe zamówienia', 'New orders'), Tab: NewOrdersTab },
  { id: 'zespol', label: () => L('Powiadomienia dla zespołu', 'Team alerts'), Tab: StaffAlertsTab },
  { id: 'statusy', label: () => L('Statusy zamówień', 'Order statuses'), Tab: StatusesTab },
  { id: 'dostepnosc', label: () => L('Dostępność produktu', 'Back in stock'), Tab: BackInStockTab },
  { id: 'celebrowanie', label: () => L('Celebrowanie dat', 'Date celebrations'), Tab: CelebrationsTab },
  { id: 'koszyki', label: () => L('Porzucone koszyki', 'Abandoned baskets'), Tab: AbandonedCartTab },
  { id: 'bledy', label: () => L('Komunikaty błędów', 'Error messages'), Tab: ErrorsTab },
  { id: 'powiadomienia', label: () => L('Lista powiadomień', 'Notification list'), Tab: SubscriptionsTab },
  { id: 'zaplanowane', label: () => L('Zaplanowane wysyłki', 'Scheduled sends'), Tab: ScheduledTab },
  { id: 'statystyki', label: () => L('Statystyki', 'Statistics'), Tab: StatsTab },
  { id: 'historia', label: () => L('Historia wiadomości', 'Message history'), Tab: HistoryTab },
  { id: 'ustawienia', label: () => L('Ustawienia', 'Settings'), Tab: SettingsTab },
];

/** Starts fetching the code of the tab the URL opens on, so it comes while the app signs in. */
export const preloadFirstTab = () => {
  const first = TABS.find((t) => t.id === tabFromHash()) ?? TABS[0]!;
  first.Tab.preload().catch(() => undefined);
};

function tabFromHash() {
  const id = window.location.hash.replace(/^#/, '');
  return TABS.some((t) => t.id === id) ? id : 'konto';
}

export function App(props: { shop: string }) {
  const [active, setActive] = useState(tabFromHash);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const select = (id: string, focus = false) => {
    if (id === active) return;
    if (!confirmDiscard()) return;
    setActive(id);
    // replaceState keeps the iframe's signed query string and adds no history entries per tab.
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${id}`);
    if (focus) tabRefs.current[id]?.focus();
  };

  useEffect(() => {
    const onHash = () => {
      const id = tabFromHash();
      if (id !== active && confirmDiscard()) setActive(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [active]);
  useEffect(() => adjustIframeSize());

  if (sessionLost.value) return <SignedOut detail={L('Sesja wygasła.', 'The session has expired.')} />;

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Home/End jump to the ends.
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === active);
    const move: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    let next: number | undefined;
    if (event.key in move) next = (index + move[event.key]! + TABS.length) % TABS.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = TABS.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    select(TABS[next]!.id, true);
  };

  const tab = TABS.find((t) => t.id === active) ?? TABS[0]!;
  return (
    <div class="rwd-layout-container app-layout">
      <nav class="tabs" aria-label={L('Sekcje aplikacji', 'App sections')}>
        <div class="app-name">{L('Powiadomienia SMS', 'SMS notifications')}</div>
        <div role="tablist" aria-orientation="vertical" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(el) => {
                tabRefs.current[t.id] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={t.id === active}
              aria-controls="tab-panel"
              tabIndex={t.id === active ? 0 : -1}
              class={t.id === active ? 'tab active' : 'tab'}
              onClick={() => select(t.id)}
            >
              {t.label()}
            </button>
          ))}
        </div>
      </nav>
      <main class="tab-main">
        <SetupBanner />
        <div class="tab-panel" id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab.id}`} tabIndex={-1}>
          <AccountBanner onAccountTab={tab.id === 'konto'} onOpenAccount={() => select('konto')} />
          <LimitsBanner key={tab.id} />
          <tab.Tab shop={props.shop} />
        </div>
      </main>
      <Toasts />
    </div>
  );
}
