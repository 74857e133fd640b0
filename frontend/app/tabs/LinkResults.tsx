// What the messages brought back (issue 16): per message kind and period, SMS sent, clicked, click rate, orders
// and revenue attributed, opt-outs; the attribution rule in one sentence; the numbers that opted out; the revenue
// line drawn over the 30-day chart; and the two link settings (opt-out line, attribution window).
import { useState } from 'preact/hooks';
import type { LinksResponse } from '#contracts/links';
import { PLACE_NAMES, type NotificationKind } from '#domain/notification-kinds';
import { saveLinkSettings } from '../api/links';
import { Checkbox, FieldLine, FormError, SaveBar } from '../components/ui';
import { useForm } from '../form';
import { formatDateTime, formatNumber, L } from '../i18n';

type Period = keyof LinksResponse['periods'];
const PERIODS: { id: Period; pl: string; en: string }[] = [
  { id: 'today', pl: 'Dziennie', en: 'Daily' },
  { id: 'week', pl: 'Tygodniowo', en: 'Weekly' },
  { id: 'month', pl: 'Miesięcznie', en: 'Monthly' },
];

const kindName = (kind: string) => {
  const names = PLACE_NAMES[kind as NotificationKind];
  return names ? L(names.pl, names.en) : kind;
};

export const formatMoney = (amount: number, currency: string) =>
  `${new Intl.NumberFormat(L('pl-PL', 'en-GB'), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency}`;

export function LinkResults(props: { data: LinksResponse; onSettingsSaved?: () => void }) {
  const [period, setPeriod] = useState<Period>('month');
  const rows = props.data.periods[period];
  const { currency } = props.data;
  return (
    <section class="panel link-results" aria-labelledby="link-results-title">
      <h3 id="link-results-title">{L('Kliknięcia i przychód z SMS', 'Clicks and revenue from SMS')}</h3>
      <div class="period-switch" role="radiogroup" aria-label={L('Okres', 'Period')}>
        {PERIODS.map((p) => (
          <label key={p.id}>
            <input type="radio" name="link-period" value={p.id} checked={period === p.id} onChange={() => setPeriod(p.id)} />{' '}
            {L(p.pl, p.en)}
          </label>
        ))}
      </div>
      <div class="table-wrap">
        <table class="list-table link-results-table" data-period={period}>
          <thead>
            <tr>
              <th scope="col">{L('Rodzaj wiadomości', 'Message kind')}</th>
              <th scope="col">{L('Wysłane', 'Sent')}</th>
              <th scope="col">{L('Kliknięte', 'Clicked')}</th>
              <th scope="col">{L('Współczynnik kliknięć', 'Click rate')}</th>
              <th scope="col">{L('Zamówienia', 'Orders')}</th>
              <th scope="col">{L('Przychód', 'Revenue')}</th>
              <th scope="col">{L('Rezygnacje', 'Opt-outs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.kind} data-kind={row.kind}>
                <th scope="row">{kindName(row.kind)}</th>
                <td class="num" data-col="sent">
                  {formatNumber(row.sent)}
                </td>
                <td class="num" data-col="clicked">
                  {formatNumber(row.clicked)}
                </td>
                <td class="num" data-col="click-rate">
                  {row.clickRate === null ? '—' : `${formatNumber(row.clickRate)}%`}
                </td>
                <td class="num" data-col="orders">
                  {formatNumber(row.orders)}
                </td>
                <td class="num" data-col="revenue">
                  {formatMoney(row.revenue, currency)}
                </td>
                <td class="num" data-col="opt-outs">
                  {formatNumber(row.optOuts)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint" data-testid="attribution-rule">
        {L(
          `Zamówienie przypisujemy wiadomości marketingowej, gdy ten sam klient (konto lub numer telefonu) złoży je w ciągu ${props.data.attributionDays} dni od kliknięcia linku z tego SMS-a — liczy się ostatnie kliknięcie, a zamówienie bez kliknięcia nie jest przypisywane.`,
          `An order is attributed to a marketing message when the same client (account or phone number) places it within ${props.data.attributionDays} days of clicking a link in that SMS: the last click wins, and an order without a click is not attributed.`,
        )}
      </p>
      <OptOuts items={props.data.optOuts} />
      {/* The two settings live next to what they change (the Settings tab keeps its one form). */}
      <LinkSettingsForm
        initial={{ autoStopLink: props.data.autoStopLink, attributionDays: props.data.attributionDays }}
        onSaved={props.onSettingsSaved}
      />
    </section>
  );
}

function OptOuts(props: { items: LinksResponse['optOuts'] }) {
  return (
    <div class="opt-outs">
      <h4>
        {L('Rezygnacje z SMS marketingowych', 'Opt-outs from marketing SMS')} ({formatNumber(props.items.length)})
      </h4>
      {props.items.length === 0 ? (
        <p class="muted">{L('Nikt jeszcze nie zrezygnował.', 'Nobody has opted out yet.')}</p>
      ) : (
        <div class="table-wrap">
          <table class="list-table opt-outs-table">
            <thead>
              <tr>
                <th scope="col">{L('Numer telefonu', 'Phone number')}</th>
                <th scope="col">{L('Kiedy', 'When')}</th>
                <th scope="col">{L('Jak', 'How')}</th>
                <th scope="col">{L('Z wiadomości', 'From message')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((o) => (
                <tr key={o.phone}>
                  <td>{o.phone}</td>
                  <td>{formatDateTime(o.at)}</td>
                  <td>{o.how === 'stop-link' ? L('link rezygnacji w SMS', 'opt-out link in an SMS') : o.how}</td>
                  <td>{kindName(o.kind)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The revenue line over the daily bar chart, on its own scale (the right-hand axis). */
export function RevenueLine(props: {
  values: number[];
  currency: string;
  left: number;
  slot: number;
  top: number;
  height: number;
  right: number;
}) {
  const max = Math.max(0, ...props.values);
  if (max <= 0) return null;
  const y = (v: number) => props.top + props.height - (v / max) * props.height;
  const points = props.values.map((v, i) => `${props.left + i * props.slot + props.slot / 2},${y(v)}`).join(' ');
  return (
    <g class="revenue-line" data-max={max}>
      <polyline points={points} fill="none" stroke="#c0392b" stroke-width={2} />
      {props.values.map((v, i) => (
        <circle key={i} cx={props.left + i * props.slot + props.slot / 2} cy={y(v)} r={v > 0 ? 3 : 0} fill="#c0392b">
          <title>{formatMoney(v, props.currency)}</title>
        </circle>
      ))}
      <text x={props.right} y={props.top - 4} text-anchor="end" class="revenue-max">
        {formatMoney(max, props.currency)}
      </text>
    </g>
  );
}

/** Settings of links: the opt-out line of marketing SMS and the attribution window. */
export function LinkSettingsForm(props: { initial: { autoStopLink: boolean; attributionDays: number }; onSaved?: () => void }) {
  const form = useForm('link-settings', props.initial);
  const v = form.value;
  return (
    <form
      class="edition-form link-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void form
          .submit(
            (value) => saveLinkSettings(value).then((s) => ({ autoStopLink: s.autoStopLink, attributionDays: s.attributionDays })),
            L('Zapisano ustawienia linków', 'Link settings saved'),
          )
          .then((saved) => saved && props.onSaved?.());
      }}
    >
      <h3>{L('Linki w SMS', 'Links in SMS')}</h3>
      <Checkbox
        id="auto-stop-link"
        label={L('Dodawaj link rezygnacji do SMS-ów marketingowych', 'Add an opt-out link to marketing SMS')}
        hint={L(
          'Na końcu wiadomości bez {stop_link} pojawi się „Rezygnacja: {stop_link}”.',
          'Messages without {stop_link} end with "Rezygnacja: {stop_link}".',
        )}
        checked={v.autoStopLink}
        onChange={(autoStopLink) => form.set({ autoStopLink })}
      />
      <FieldLine
        id="attribution-days"
        label={L('Okno przypisania zamówień (dni po kliknięciu):', 'Attribution window (days after a click):')}
        error={form.errors.attributionDays}
      >
        <input
          id="attribution-days"
          type="number"
          min={1}
          max={90}
          value={v.attributionDays}
          onInput={(e) => form.set({ attributionDays: Number((e.currentTarget as HTMLInputElement).value || 0) })}
        />
      </FieldLine>
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty} />
    </form>
  );
}
