// "Powiadomienia dla zespołu": up to five team numbers and, per event (a new order from an amount, an order
// cancelled, a product out of stock), Wyślij, the send window and the message; saved together.
import type { ComponentChildren } from 'preact';
import type { StaffAlertsResponse } from '#contracts/staff';
import type { StaffMessageKind } from '#domain/notification-kinds';
import { STAFF_PHONES_MAX, type StaffAlertEvent } from '#domain/staff-alerts';
import { loadStaffAlerts, saveStaffAlerts } from '../api/staff-alerts';
import { Composer } from '../composer/Composer';
import { Checkbox, FieldLine, FormError, Intro, LoadFailed, Loading, SaveBar, YesNo } from '../components/ui';
import { useForm, useLoad, type FormState } from '../form';
import { L } from '../i18n';

interface RuleForm {
  enabled: boolean;
  quietHours: boolean;
  text: string;
}

interface StaffForm {
  phones: string[];
  newOrder: RuleForm & { minAmount: string };
  orderCancelled: RuleForm;
  outOfStock: RuleForm;
}

const toForm = (saved: StaffAlertsResponse): StaffForm => ({
  phones: Array.from({ length: STAFF_PHONES_MAX }, (_, i) => saved.phones[i] ?? ''),
  newOrder: {
    enabled: saved.newOrder.enabled,
    quietHours: saved.newOrder.quietHours,
    text: saved.newOrder.text,
    minAmount: String(saved.newOrder.minAmount),
  },
  orderCancelled: { enabled: saved.orderCancelled.enabled, quietHours: saved.orderCancelled.quietHours, text: saved.orderCancelled.text },
  outOfStock: { enabled: saved.outOfStock.enabled, quietHours: saved.outOfStock.quietHours, text: saved.outOfStock.text },
});

/** "500", "500,50" or "500.50" as a number; anything else goes to the server as is, to be named there. */
const amount = (value: string): number => {
  const trimmed = value.trim().replace(/\s/g, '').replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
};

export function StaffAlertsTab() {
  const loaded = useLoad(async () => toForm(await loadStaffAlerts()));
  return (
    <section aria-labelledby="tab-title-zespol">
      <h2 id="tab-title-zespol">{L('Powiadomienia dla zespołu', 'Team alerts')}</h2>
      <Intro>
        {L(
          `Oprócz SMS-a o nowym zamówieniu dla właściciela możesz powiadamiać do ${STAFF_PHONES_MAX} osób z zespołu o wybranych zdarzeniach. Każde zdarzenie ma własną treść wiadomości.`,
          `Besides the owner's new-order SMS, up to ${STAFF_PHONES_MAX} team members can be told about chosen events, each with its own message.`,
        )}
      </Intro>
      {loaded.error ? <LoadFailed message={loaded.error} retry={loaded.reload} /> : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data ? <StaffEditor initial={loaded.data} /> : null}
    </section>
  );
}

function RuleFields(props: {
  form: FormState<StaffForm>;
  event: StaffAlertEvent;
  title: string;
  kind: StaffMessageKind;
  description: string;
  children?: ComponentChildren;
}) {
  const { form, event } = props;
  const rule = form.value[event];
  const set = (patch: Partial<RuleForm>) => form.set({ [event]: { ...rule, ...patch } } as Partial<StaffForm>);
  return (
    <fieldset class="panel staff-rule" aria-labelledby={`staff-${event}-title`}>
      <h3 id={`staff-${event}-title`}>{props.title}</h3>
      <p class="hint">{props.description}</p>
      <YesNo
        name={`staff-${event}-enabled`}
        legend={L('Wyślij:', 'Send:')}
        value={rule.enabled}
        onChange={(enabled) => set({ enabled })}
        error={form.errors[`${event}.enabled`]}
      />
      {props.children}
      <Checkbox
        id={`staff-${event}-quiet`}
        label={L(
          'Tylko w godzinach wysyłki (Ustawienia) — poza nimi SMS czeka do rana',
          'Only within sending hours (Settings): outside them the SMS waits for the morning',
        )}
        checked={rule.quietHours}
        onChange={(quietHours) => set({ quietHours })}
      />
      <Composer
        id={`staff-${event}-text`}
        kind={props.kind}
        label={L('Wiadomość:', 'Message:')}
        value={rule.text}
        onChange={(text) => set({ text })}
        error={form.errors[`${event}.text`]}
      />
    </fieldset>
  );
}

function StaffEditor(props: { initial: StaffForm }) {
  const form = useForm<StaffForm>('staff-alerts', props.initial);
  const save = (event: Event) => {
    event.preventDefault();
    void form.submit(
      async (value) => {
        const saved = await saveStaffAlerts({
          phones: value.phones.map((p) => p.trim()).filter((p) => p !== ''),
          newOrder: {
            enabled: value.newOrder.enabled,
            quietHours: value.newOrder.quietHours,
            text: value.newOrder.text,
            minAmount: amount(value.newOrder.minAmount),
          },
          orderCancelled: value.orderCancelled,
          outOfStock: value.outOfStock,
        });
        return toForm(saved);
      },
      L('Powiadomienia dla zespołu zostały zapisane', 'Team alerts are saved'),
    );
  };
  const phonesError = form.errors.phones;
  return (
    <form class="edition-form" onSubmit={save} noValidate>
      <fieldset class="panel" aria-labelledby="staff-phones-title">
        <h3 id="staff-phones-title">{L('Numery telefonów zespołu', 'Team phone numbers')}</h3>
        <p class="hint">
          {L(
            `Do ${STAFF_PHONES_MAX} numerów komórkowych, np. +48 600 100 200. Puste pola są pomijane.`,
            `Up to ${STAFF_PHONES_MAX} mobile numbers, e.g. +48 600 100 200. Empty fields are left out.`,
          )}
        </p>
        {phonesError ? (
          <div class="field-error" role="alert">
            {phonesError}
          </div>
        ) : null}
        {form.value.phones.map((phone, i) => (
          <FieldLine key={i} id={`staff-phone-${i}`} label={L(`Numer ${i + 1}:`, `Number ${i + 1}:`)} error={form.errors[`phones.${i}`]}>
            <input
              id={`staff-phone-${i}`}
              type="tel"
              autocomplete="off"
              value={phone}
              onInput={(e) =>
                form.set({ phones: form.value.phones.map((p, j) => (j === i ? (e.currentTarget as HTMLInputElement).value : p)) })
              }
            />
          </FieldLine>
        ))}
      </fieldset>
      <RuleFields
        form={form}
        event="newOrder"
        kind="staff-new-order"
        title={L('Nowe zamówienie od kwoty', 'New order from an amount')}
        description={L(
          'SMS o każdym nowym zamówieniu o wartości co najmniej podanej kwoty (0 — o każdym).',
          'An SMS about every new order worth at least the amount (0: every order).',
        )}
      >
        <FieldLine
          id="staff-min-amount"
          label={L('Kwota zamówienia od:', 'Order amount from:')}
          error={form.errors['newOrder.minAmount']}
          hint={L(
            'Wartość zamówienia tak, jak podaje ją Shoper (w walucie zamówienia).',
            'The order sum as Shoper reports it (in the order currency).',
          )}
        >
          <input
            id="staff-min-amount"
            type="text"
            inputMode="decimal"
            value={form.value.newOrder.minAmount}
            onInput={(e) => form.set({ newOrder: { ...form.value.newOrder, minAmount: (e.currentTarget as HTMLInputElement).value } })}
          />
        </FieldLine>
      </RuleFields>
      <RuleFields
        form={form}
        event="orderCancelled"
        kind="staff-order-cancelled"
        title={L('Zamówienie anulowane', 'Order cancelled')}
        description={L(
          'SMS, gdy zamówienie dostanie status typu „niezrealizowane” w Shoper (np. anulowane, odrzucone, zwrócone).',
          'An SMS when an order gets a status of Shoper\'s "not completed" type (e.g. cancelled, rejected, returned).',
        )}
      />
      <RuleFields
        form={form}
        event="outOfStock"
        kind="staff-out-of-stock"
        title={L('Produkt wyprzedany', 'Product out of stock')}
        description={L(
          'SMS, gdy stan magazynowy produktu spadnie do 0 — raz, aż produkt wróci na stan.',
          "An SMS when a product's stock drops to 0: once, until it is back in stock.",
        )}
      />
      <p class="hint" data-testid="payment-failed-note">
        {L(
          'Nieudana płatność: Shoper nie informuje aplikacji o nieudanych płatnościach (nie ma takiego zdarzenia, a zamówienie ma tylko informację „opłacone” lub „niedopłata”), dlatego takiego powiadomienia nie ma.',
          'Failed payment: Shoper does not tell apps about failed payments (there is no such event; an order only says "paid" or "underpaid"), so there is no such alert.',
        )}
      </p>
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty} />
    </form>
  );
}
