// "Limity i koszty" in the Settings tab: the frequency cap, no marketing on Sundays and holidays, how long an SMS
// stays valid, spend limits and the low-balance alert. Numbers are edited as text so an empty field means "no limit".
import type { SendingLimitsBody } from '#contracts/limits';
import { LIMIT_LABELS } from '#domain/sending-limits';
import type { Settings } from '../api/schemas';
import { Checkbox, FieldLine } from '../components/ui';
import { L } from '../i18n';

export interface LimitsForm {
  capEnabled: boolean;
  capCount: string;
  capHours: string;
  noMarketingOnHolidays: boolean;
  validTransactional: string;
  validMarketing: string;
  dailyParts: string;
  monthlyParts: string;
  dailyPoints: string;
  monthlyPoints: string;
  includeTransactional: boolean;
  lowBalancePoints: string;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function limitsForm(s: Settings): LimitsForm {
  const l = s.limits;
  return {
    capEnabled: l?.frequencyCap.enabled ?? true,
    capCount: text(l?.frequencyCap.count ?? 1),
    capHours: text(l?.frequencyCap.windowHours ?? 24),
    noMarketingOnHolidays: l?.noMarketingOnHolidays ?? false,
    validTransactional: text(l?.validityHours.transactional ?? 6),
    validMarketing: text(l?.validityHours.marketing ?? 3),
    dailyParts: text(l?.spend.dailyParts),
    monthlyParts: text(l?.spend.monthlyParts),
    dailyPoints: text(l?.spend.dailyPoints),
    monthlyPoints: text(l?.spend.monthlyPoints),
    includeTransactional: l?.spend.includeTransactional ?? false,
    lowBalancePoints: text(l?.lowBalancePoints),
  };
}

// A typed number goes as a number (the server says what is wrong with it); an empty field is "no limit".
const num = (value: string) => Number(value.trim().replace(',', '.'));
const optional = (value: string) => (value.trim() === '' ? null : num(value));

export function limitsBody(f: LimitsForm): SendingLimitsBody {
  return {
    frequencyCap: { enabled: f.capEnabled, count: num(f.capCount), windowHours: num(f.capHours) },
    noMarketingOnHolidays: f.noMarketingOnHolidays,
    validityHours: { transactional: num(f.validTransactional), marketing: num(f.validMarketing) },
    spend: {
      dailyParts: optional(f.dailyParts),
      monthlyParts: optional(f.monthlyParts),
      dailyPoints: optional(f.dailyPoints),
      monthlyPoints: optional(f.monthlyPoints),
      includeTransactional: f.includeTransactional,
    },
    lowBalancePoints: optional(f.lowBalancePoints),
  };
}

type Field = keyof typeof LIMIT_LABELS;

export function LimitsFields(props: { value: LimitsForm; set: (patch: Partial<LimitsForm>) => void; errors: Record<string, string> }) {
  const v = props.value;
  const input = (id: string, field: Field, key: keyof LimitsForm, en: string, hint?: string, placeholder?: string) => (
    <FieldLine id={id} label={L(`${LIMIT_LABELS[field]}:`, `${en}:`)} error={props.errors[field]} hint={hint}>
      <input
        id={id}
        class="number"
        inputMode="decimal"
        placeholder={placeholder}
        value={v[key] as string}
        onInput={(e) => props.set({ [key]: (e.currentTarget as HTMLInputElement).value } as Partial<LimitsForm>)}
      />
    </FieldLine>
  );
  const none = L('bez limitu', 'no limit');
  return (
    <>
      <h3>{L('Limity i koszty', 'Limits and costs')}</h3>
      <Checkbox
        id="cap-enabled"
        label={L('Limit częstotliwości SMS marketingowych', 'Frequency cap on marketing SMS')}
        hint={L(
          'Celebrowanie dat, porzucone koszyki i dostępność produktu razem: ten sam numer dostanie najwyżej tyle SMS-ów marketingowych w podanym czasie. Nadmiarowe są pomijane (nie przesuwane) i widać je w „Historii wiadomości”. SMS-y o zamówieniach i do właściciela nie są liczone.',
          'Date celebrations, abandoned baskets and back in stock together: one number gets at most this many marketing SMS within the time given. The rest are skipped (not postponed) and listed in the "Message history". Order and owner messages do not count.',
        )}
        checked={v.capEnabled}
        onChange={(capEnabled) => props.set({ capEnabled })}
      />
      <div class="inline-fields">
        {input(
          'cap-count',
          'limits.frequencyCap.count',
          'capCount',
          'Marketing SMS per number',
          L('0 = żadnych SMS marketingowych', '0 = no marketing SMS'),
        )}
        {input('cap-hours', 'limits.frequencyCap.windowHours', 'capHours', 'Within (hours)')}
      </div>
      <Checkbox
        id="no-marketing-holidays"
        label={L('Bez SMS marketingowych w niedziele i święta', 'No marketing SMS on Sundays and public holidays')}
        hint={L(
          'Niedziele i polskie święta ustawowe (także Wielkanoc, Boże Ciało i inne ruchome — liczone co roku): SMS marketingowy poczeka do najbliższego dnia roboczego.',
          'Sundays and Polish public holidays (movable feasts computed each year): a marketing SMS waits for the next working day.',
        )}
        checked={v.noMarketingOnHolidays}
        onChange={(noMarketingOnHolidays) => props.set({ noMarketingOnHolidays })}
      />
      <div class="inline-fields">
        {input('valid-transactional', 'limits.validityHours.transactional', 'validTransactional', 'Validity of order SMS (hours)')}
        {input('valid-marketing', 'limits.validityHours.marketing', 'validMarketing', 'Validity of marketing SMS (hours)')}
      </div>
      <p class="hint">
        {L(
          'SMS, który nie wyjdzie lub nie dotrze w tym czasie od planowanej godziny (np. po awarii albo przy wyłączonym telefonie), wygasa zamiast przyjść z opóźnieniem, np. w nocy. W historii ma stan „wygasła”.',
          'An SMS that cannot leave or arrive within this time of its planned hour (an outage, a phone switched off) expires instead of arriving late, e.g. at night. The history shows it as "expired".',
        )}
      </p>
      <div class="inline-fields">
        {input('daily-parts', 'limits.spend.dailyParts', 'dailyParts', 'Daily limit of SMS parts', undefined, none)}
        {input('monthly-parts', 'limits.spend.monthlyParts', 'monthlyParts', 'Monthly limit of SMS parts', undefined, none)}
        {input('daily-points', 'limits.spend.dailyPoints', 'dailyPoints', 'Daily limit of SMSAPI points', undefined, none)}
        {input('monthly-points', 'limits.spend.monthlyPoints', 'monthlyPoints', 'Monthly limit of SMSAPI points', undefined, none)}
      </div>
      <Checkbox
        id="spend-transactional"
        label={L('Limit wydatków wstrzymuje też SMS o zamówieniach', 'Spend limits pause order SMS too')}
        hint={L(
          'Po osiągnięciu limitu SMS-y marketingowe są wstrzymywane (pomijane, z powodem w historii) do początku nowego dnia lub miesiąca; SMS-y o zamówieniach idą dalej, chyba że zaznaczysz to pole. Punkty liczą się, gdy konto SMSAPI je podaje.',
          'Once a limit is reached, marketing SMS are held back (skipped, with the reason in the history) until a new day or month starts; order SMS go on unless you tick this box. Points count when the SMSAPI account reports them.',
        )}
        checked={v.includeTransactional}
        onChange={(includeTransactional) => props.set({ includeTransactional })}
      />
      {input(
        'low-balance',
        'limits.lowBalancePoints',
        'lowBalancePoints',
        'Low-balance threshold (SMSAPI points)',
        L(
          'Gdy punktów na koncie SMSAPI będzie mniej, dostaniesz jeden SMS dziennie na numer właściciela (zakładka „Nowe zamówienia”) i zobaczysz ostrzeżenie na każdej zakładce. Saldo sprawdzamy najwyżej co 5 minut.',
          'Below this many points you get one SMS a day on the owner’s number ("New orders" tab) and a warning on every tab. The balance is checked at most every 5 minutes.',
        ),
        L('bez alertu', 'no alert'),
      )}
    </>
  );
}
