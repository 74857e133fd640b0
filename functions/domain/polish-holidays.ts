// Polish public holidays (dni ustawowo wolne od pracy), computed for any year: fixed dates plus the movable feasts
// that follow Easter (Easter Sunday and Monday, Pentecost, Corpus Christi). No list to keep up to date.

/** Easter Sunday of a Gregorian year, as yyyy-mm-dd (the anonymous Gregorian computus: Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const isoDate = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const plusDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Fixed-date holidays (month-day); Christmas Eve is a day off from 2025 on (the 2024 amendment of the act). */
const FIXED: readonly { md: string; name: string; since?: number }[] = [
  { md: '01-01', name: 'Nowy Rok' },
  { md: '01-06', name: 'Trzech Króli' },
  { md: '05-01', name: 'Święto Pracy' },
  { md: '05-03', name: 'Święto Konstytucji 3 Maja' },
  { md: '08-15', name: 'Wniebowzięcie NMP' },
  { md: '11-01', name: 'Wszystkich Świętych' },
  { md: '11-11', name: 'Święto Niepodległości' },
  { md: '12-24', name: 'Wigilia Bożego Narodzenia', since: 2025 },
  { md: '12-25', name: 'Boże Narodzenie (pierwszy dzień)' },
  { md: '12-26', name: 'Boże Narodzenie (drugi dzień)' },
];

const cache = new Map<number, Map<string, string>>();

/** Every public holiday of a year: yyyy-mm-dd -> its Polish name. */
export function polishHolidays(year: number): Map<string, string> {
  let days = cache.get(year);
  if (days) return days;
  days = new Map<string, string>();
  for (const f of FIXED) if (f.since === undefined || year >= f.since) days.set(`${String(year).padStart(4, '0')}-${f.md}`, f.name);
  const easter = easterSunday(year);
  days.set(easter, 'Wielkanoc');
  days.set(plusDays(easter, 1), 'Poniedziałek Wielkanocny');
  days.set(plusDays(easter, 49), 'Zielone Świątki');
  days.set(plusDays(easter, 60), 'Boże Ciało');
  cache.set(year, days);
  return days;
}

/** The holiday's name on `date` (yyyy-mm-dd), or undefined on an ordinary day. */
export function polishHoliday(date: string): string | undefined {
  return polishHolidays(Number(date.slice(0, 4))).get(date);
}

/** Sunday, or a public holiday: a day without marketing SMS when the shop asks for it. */
export function isSundayOrHoliday(date: string): boolean {
  return new Date(`${date}T12:00:00Z`).getUTCDay() === 0 || polishHoliday(date) !== undefined;
}
