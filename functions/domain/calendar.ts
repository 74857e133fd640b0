// Calendar dates in a shop's time zone (daily statistics are kept per local day).

// Building a formatter is costly; a shop's zone is one of a handful, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDate(at: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}

/** The local date `days` days before `date` (yyyy-mm-dd arithmetic, no time zone involved). */
export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
