// Above every tab: a spend limit that is reached (what it pauses, what it held back today and this month, when
// sending resumes) and an SMSAPI balance under the owner's threshold. Read again whenever a tab opens.
import { useEffect, useState } from 'preact/hooks';
import { LimitsStateResponse } from '#contracts/limits';
import { PLACE_NAMES, type NotificationKind } from '#domain/notification-kinds';
import { apiCall } from '../api/client';
import { L, locale } from '../i18n';
import { ADMIN } from '#contracts/admin';

const when = (iso: string) =>
  new Date(iso).toLocaleString(L('pl-PL', 'en-GB'), {
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
const number = (n: number) => n.toLocaleString(L('pl-PL', 'en-GB'), { maximumFractionDigits: 2 });

function heldText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} × ${PLACE_NAMES[kind as NotificationKind]?.[locale.value] ?? kind}`);
  return parts.join(', ');
}

export function LimitsBanner() {
  const [state, setState] = useState<LimitsStateResponse | undefined>();
  useEffect(() => {
    let current = true;
    apiCall(ADMIN.limits).then(
      (value) => current && setState(value),
      // The tabs report API errors themselves; without the state there is simply no banner.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  if (!state) return null;
  const today = heldText(state.heldBack.today);
  const month = heldText(state.heldBack.month);
  return (
    <>
      {state.reached.length > 0 ? (
        <div class="alert alert-warning" role="status" data-testid="spend-limit">
          <strong>
            {state.reached[0]!.includesTransactional
              ? L('Wysyłka SMS wstrzymana', 'SMS sending is paused')
              : L('Wysyłka SMS marketingowych wstrzymana', 'Marketing SMS are paused')}
            :
          </strong>{' '}
          {state.reached
            .map((r) =>
              L(
                `osiągnięto ${r.name.pl} (${number(r.used)} z ${number(r.value)}), wznowienie ${when(r.resumesAt)}`,
                `the ${r.name.en} was reached (${number(r.used)} of ${number(r.value)}), resuming ${when(r.resumesAt)}`,
              ),
            )
            .join('; ')}
          . {!state.reached[0]!.includesTransactional ? L('SMS-y o zamówieniach wychodzą dalej.', 'Order SMS still go out.') : null}
          {today ? <p class="small">{L(`Wstrzymane dziś: ${today}.`, `Held back today: ${today}.`)}</p> : null}
          {month && month !== today ? <p class="small">{L(`W tym miesiącu: ${month}.`, `This month: ${month}.`)}</p> : null}
          <p class="small">{L('Limity zmienisz w zakładce „Ustawienia”.', 'Change the limits on the "Settings" tab.')}</p>
        </div>
      ) : null}
      {state.balance?.low ? (
        <div class="alert alert-warning" role="status" data-testid="low-balance">
          <strong>{L('Niskie saldo SMSAPI:', 'Low SMSAPI balance:')}</strong>{' '}
          {L(
            `${number(state.balance.points ?? 0)} pkt (Twój próg: ${number(state.balance.threshold ?? 0)}). Doładuj konto w panelu SMSAPI, aby SMS-y nie przestały wychodzić.`,
            `${number(state.balance.points ?? 0)} points (your threshold: ${number(state.balance.threshold ?? 0)}). Top up the account in the SMSAPI panel so SMS keep going out.`,
          )}
        </div>
      ) : null}
    </>
  );
}
