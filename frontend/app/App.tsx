// The admin app: the tabs of the manual (plus settings and the message history), one visible at a time,
// chosen by the URL hash so a tab can be linked and survives a reload.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sessionLost } from './api/client';
import { AccountBanner, SignedOut, Toasts } from './components/chrome';
import { SetupBanner } from './components/setup-banner';
import { L } from './i18n';
import { adjustIframeSize } from './shoper-sdk';
import { confirmDiscard } from './unsaved';
import { SmsapiTab } from './tabs/SmsapiTab';
import { NewOrdersTab } from './tabs/NewOrdersTab';
import { StatusesTab } from './tabs/StatusesTab';
import { AbandonedCartTab, BackInStockTab } from './tabs/TemplateTab';
import { CelebrationsTab } from './tabs/CelebrationsTab';
import { ErrorsTab } from './tabs/ErrorsTab';
import { SubscriptionsTab } from './tabs/SubscriptionsTab';
import { ScheduledTab } from './tabs/ScheduledTab';
import { StatsTab } from './tabs/StatsTab';
import { SettingsTab } from './tabs/SettingsTab';
import { HistoryTab } from './tabs/HistoryTab';

export interface TabDefinition {
  id: string;
  label: () => string;
  render: (ctx: { shop: string }) => JSX.Element;
}

export const TABS: TabDefinition[] = [
  { id: 'konto', label: () => L('Konto SMSAPI', 'SMSAPI account'), render: () => <SmsapiTab /> },
  { id: 'nowe-zamowienia', label: () => L('Nowe zamówienia', 'New orders'), render: () => <NewOrdersTab /> },
  { id: 'statusy', label: () => L('Statusy zamówień', 'Order statuses'), render: () => <StatusesTab /> },
  { id: 'dostepnosc', label: () => L('Dostępność produktu', 'Back in stock'), render: ({ shop }) => <BackInStockTab shop={shop} /> },
  { id: 'celebrowanie', label: () => L('Celebrowanie dat', 'Date celebrations'), render: () => <CelebrationsTab /> },
  { id: 'koszyki', label: () => L('Porzucone koszyki', 'Abandoned baskets'), render: () => <AbandonedCartTab /> },
  { id: 'bledy', label: () => L('Komunikaty błędów', 'Error messages'), render: () => <ErrorsTab /> },
  { id: 'powiadomienia', label: () => L('Lista powiadomień', 'Notification list'), render: () => <SubscriptionsTab /> },
  { id: 'zaplanowane', label: () => L('Zaplanowane wysyłki', 'Scheduled sends'), render: () => <ScheduledTab /> },
  { id: 'statystyki', label: () => L('Statystyki', 'Statistics'), render: () => <StatsTab /> },
  { id: 'historia', label: () => L('Historia wiadomości', 'Message history'), render: () => <HistoryTab /> },
  { id: 'ustawienia', label: () => L('Ustawienia', 'Settings'), render: () => <SettingsTab /> },
];

const tabFromHash = () => {
  const id = window.location.hash.replace(/^#/, '');
  return TABS.some((t) => t.id === id) ? id : 'konto';
};

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
          {tab.render({ shop: props.shop })}
        </div>
      </main>
      <Toasts />
    </div>
  );
}
