// "Ustawienia" (ours): the send window (quiet hours) and which messages it applies to, marketing consent,
// cancelling stale status messages, "shipped" statuses, allowed countries and the storefront's daily cap.
import { FEATURE_KINDS, PLACE_NAMES } from '#domain/notification-kinds';
import { loadSettings, saveSettings } from '../api/settings';
import type { Settings, StatusOverview } from '../api/schemas';
import { Checkbox, FieldLine, FormError, Intro, LoadFailed, Loading, SaveBar } from '../components/ui';
import { useForm, useLoad } from '../form';
import { L, locale } from '../i18n';
import { loadStatuses } from './StatusesTab';
import { LimitsFields, limitsBody, limitsForm, type LimitsForm } from './LimitsFields';

/** Europe/Warsaw first, then every zone the browser knows (the server checks the same IANA names). */
export function timeZoneChoices(current: string): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('timeZone')
      : ['Europe/Berlin', 'Europe/London', 'Europe/Prague', 'Europe/Vilnius', 'UTC'];
  return [...new Set(['Europe/Warsaw', current, ...known.filter((z) => z !== 'Europe/Warsaw')].filter(Boolean))];
}

interface SettingsForm {
  quietEnabled: boolean;
  start: string;
  end: string;
  timeZone: string;
  quietHoursFor: Record<string, boolean>;
  requireMarketingConsent: boolean;
  backInStockRequiresConsent: boolean;
  cancelStaleStatusMessages: boolean;
  shippedStatusIds: string[];
  allowedCountries: string;
  storefrontDailyCap: number;
  limits: LimitsForm;
}

const toForm = (s: Settings): SettingsForm => ({
  quietEnabled: s.quietHours.enabled,
  start: s.quietHours.start,
  end: s.quietHours.end,
  timeZone: s.quietHours.timeZone,
  quietHoursFor: Object.fromEntries(FEATURE_KINDS.map((k) => [k, s.quietHoursFor[k] ?? false])),
  requireMarketingConsent: s.requireMarketingConsent,
  backInStockRequiresConsent: s.backInStockRequiresConsent,
  cancelStaleStatusMessages: s.cancelStaleStatusMessages,
  shippedStatusIds: [...s.shippedStatusIds].sort(),
  allowedCountries: s.allowedCountries.join(', '),
  storefrontDailyCap: s.storefrontDailyCap ?? 200,
  limits: limitsForm(s),
});

export function SettingsTab() {
  const loaded = useLoad(async () => {
    const [settings, statuses] = await Promise.all([loadSettings(), loadStatuses().catch(() => ({ items: [] as StatusOverview[] }))]);
    return { form: toForm(settings), statuses: statuses.items };
  });
  return (
    <section aria-labelledby="tab-title-ustawienia">
      <h2 id="tab-title-ustawienia">{L('Ustawienia', 'Settings')}</h2>
      <Intro>
        {L(
          'Godziny wysyłki chronią klientów przed SMS-ami w nocy: wiadomość, która przypadnie poza oknem, wyjdzie na jego początku.',
          'Sending hours keep customers from getting SMS at night: a message due outside the window goes when it opens.',
        )}
      </Intro>
      {loaded.error ? <LoadFailed message={loaded.error} retry={loaded.reload} /> : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data ? <SettingsEditor initial={loaded.data.form} statuses={loaded.data.statuses} /> : null}
    </section>
  );
}

function SettingsEditor(props: { initial: SettingsForm; statuses: StatusOverview[] }) {
  const form = useForm<SettingsForm>('settings', props.initial);
  const v = form.value;
  const save = (event: Event) => {
    event.preventDefault();
    void form.submit(
      async (value) => {
        const saved = await saveSettings({
          quietHours: { enabled: value.quietEnabled, start: value.start, end: value.end, timeZone: value.timeZone.trim() },
          quietHoursFor: value.quietHoursFor,
          requireMarketingConsent: value.requireMarketingConsent,
          backInStockRequiresConsent: value.backInStockRequiresConsent,
          cancelStaleStatusMessages: value.cancelStaleStatusMessages,
          shippedStatusIds: value.shippedStatusIds,
          allowedCountries: value.allowedCountries
            .split(/[\s,;]+/)
            .map((c) => c.trim().toUpperCase())
            .filter(Boolean),
          storefrontDailyCap: value.storefrontDailyCap,
          limits: limitsBody(value.limits),
        });
        return toForm(saved);
      },
      L('Ustawienia zostały zapisane', 'Settings are saved'),
    );
  };
  const toggleShipped = (id: string, on: boolean) =>
    form.set({ shippedStatusIds: (on ? [...v.shippedStatusIds, id] : v.shippedStatusIds.filter((s) => s !== id)).sort() });

  return (
    <form class="edition-form panel" onSubmit={save} noValidate>
      <h3>{L('Godziny wysyłki', 'Sending hours')}</h3>
      <Checkbox
        id="quiet-enabled"
        label={L('Wysyłaj tylko w wybranych godzinach', 'Send only within these hours')}
        checked={v.quietEnabled}
        onChange={(quietEnabled) => form.set({ quietEnabled })}
      />
      <div class="inline-fields">
        <FieldLine id="quiet-start" label={L('Od:', 'From:')} error={form.errors['quietHours.start']}>
          <input
            id="quiet-start"
            class="time"
            inputMode="numeric"
            placeholder="08:00"
            pattern="\d{2}:\d{2}"
            value={v.start}
            disabled={!v.quietEnabled}
            onInput={(e) => form.set({ start: (e.currentTarget as HTMLInputElement).value.trim() })}
          />
        </FieldLine>
        <FieldLine id="quiet-end" label={L('Do:', 'To:')} error={form.errors['quietHours.end']}>
          <input
            id="quiet-end"
            class="time"
            inputMode="numeric"
            placeholder="20:00"
            pattern="\d{2}:\d{2}"
            value={v.end}
            disabled={!v.quietEnabled}
            onInput={(e) => form.set({ end: (e.currentTarget as HTMLInputElement).value.trim() })}
          />
        </FieldLine>
        <FieldLine id="quiet-zone" label={L('Strefa czasowa:', 'Time zone:')} error={form.errors['quietHours.timeZone']}>
          <select id="quiet-zone" value={v.timeZone} onChange={(e) => form.set({ timeZone: (e.currentTarget as HTMLSelectElement).value })}>
            {timeZoneChoices(v.timeZone).map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </FieldLine>
      </div>
      <fieldset class="edition-form-line">
        <legend class="edition-form-line-label">{L('Godziny wysyłki dotyczą:', 'Sending hours apply to:')}</legend>
        <div class="edition-form-line-field check-list">
          {FEATURE_KINDS.map((kind) => (
            <label class="check" key={kind}>
              <input
                type="checkbox"
                checked={v.quietHoursFor[kind] ?? false}
                disabled={!v.quietEnabled}
                onChange={(e) => form.set({ quietHoursFor: { ...v.quietHoursFor, [kind]: (e.currentTarget as HTMLInputElement).checked } })}
              />
              <span>{PLACE_NAMES[kind][locale.value]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <h3>{L('Zgody i porządek', 'Consent and housekeeping')}</h3>
      <Checkbox
        id="require-consent"
        label={L('Wiadomości marketingowe tylko do klientów, którzy wyrazili zgodę', 'Marketing messages only to customers who consented')}
        hint={L(
          'Wiadomości marketingowe (celebrowanie dat, porzucone koszyki) wychodzą tylko do klientów zapisanych do newslettera w Shoper (zaznaczenie na stronie sklepu bez logowania nie wystarcza); pozostałe są pomijane i widać je z powodem w „Historii wiadomości”.',
          'Marketing messages (date celebrations, abandoned baskets) go only to customers signed up to the newsletter in Shoper (a tick on the storefront without signing in is not enough); the others are skipped and listed with the reason in the "Message history".',
        )}
        checked={v.requireMarketingConsent}
        onChange={(requireMarketingConsent) => form.set({ requireMarketingConsent })}
      />
      <Checkbox
        id="back-in-stock-consent"
        label={L('Powiadomienia o dostępności tylko za zgodą marketingową', 'Back-in-stock messages only with marketing consent')}
        hint={L(
          'SMS o powrocie produktu wyjdzie tylko do zalogowanego klienta zapisanego do newslettera w Shoper, na numer z jego konta; pozostałe zapisy są pomijane i widać je z powodem w „Historii wiadomości”.',
          'The back-in-stock SMS goes only to a signed-in customer subscribed to the newsletter in Shoper, at a number from their account; other sign-ups are skipped and listed with the reason in the "Message history".',
        )}
        checked={v.backInStockRequiresConsent}
        onChange={(backInStockRequiresConsent) => form.set({ backInStockRequiresConsent })}
      />
      <Checkbox
        id="cancel-stale"
        label={L(
          'Anuluj zaplanowaną wiadomość o statusie, gdy zamówienie wcześniej zmieni status',
          'Cancel a scheduled status SMS when the order changes status first',
        )}
        checked={v.cancelStaleStatusMessages}
        onChange={(cancelStaleStatusMessages) => form.set({ cancelStaleStatusMessages })}
      />
      {props.statuses.length > 0 ? (
        <fieldset class={`edition-form-line${form.errors.shippedStatusIds ? ' has-error' : ''}`}>
          <legend class="edition-form-line-label">{L('Statusy oznaczające wysłanie zamówienia:', 'Statuses that mean "shipped":')}</legend>
          <div class="edition-form-line-field check-list">
            {props.statuses.map((s) => (
              <label class="check" key={s.statusId}>
                <input
                  type="checkbox"
                  checked={v.shippedStatusIds.includes(s.statusId)}
                  onChange={(e) => toggleShipped(s.statusId, (e.currentTarget as HTMLInputElement).checked)}
                />
                <span>{s.name}</span>
              </label>
            ))}
            <div class="hint">
              {L('Używane przez zdarzenie „Wysyłka zamówienia” w Celebrowaniu dat.', 'Used by the "Order shipped" date celebration.')}
            </div>
            {form.errors.shippedStatusIds ? (
              <div class="field-error" role="alert">
                {form.errors.shippedStatusIds}
              </div>
            ) : null}
          </div>
        </fieldset>
      ) : null}
      <FieldLine
        id="allowed-countries"
        label={L('Kraje numerów klientów:', "Customers' number countries:")}
        error={form.errors.allowedCountries}
        hint={L(
          'Kody krajów oddzielone przecinkami, np. PL, CZ. Na inne numery SMS nie zostanie wysłany.',
          'Country codes separated by commas, e.g. PL, CZ. No SMS goes to other numbers.',
        )}
      >
        <input
          id="allowed-countries"
          value={v.allowedCountries}
          onInput={(e) => form.set({ allowedCountries: (e.currentTarget as HTMLInputElement).value })}
        />
      </FieldLine>
      <FieldLine
        id="storefront-cap"
        label={L('Dzienny limit zapisów ze strony sklepu:', 'Daily limit of storefront sign-ups:')}
        error={form.errors.storefrontDailyCap}
      >
        <input
          id="storefront-cap"
          type="number"
          min={0}
          max={100000}
          value={v.storefrontDailyCap}
          onInput={(e) => form.set({ storefrontDailyCap: Number((e.currentTarget as HTMLInputElement).value || 0) })}
        />
      </FieldLine>
      <LimitsFields value={v.limits} set={(patch) => form.set({ limits: { ...v.limits, ...patch } })} errors={form.errors} />
      <FormError message={form.formError} />
      <SaveBar busy={form.busy} dirty={form.dirty} />
    </form>
  );
}
