// The daily series for the chart: exactly the last `days` calendar days ending on `lastDate`, gaps filled
// with zeros, and a y-axis maximum with round ticks. Pure, so it is unit-tested.

export interface DayCount {
  date: string;
  sent: number;
}

const DAY_MS = 86_400_000;

const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function lastDays(series: readonly DayCount[], lastDate: string, days = 30): DayCount[] {
  const byDate = new Map(series.map((d) => [d.date, d.sent]));
  const end = toUtc(lastDate);
  return Array.from({ length: days }, (_, i) => {
    const date = fromUtc(end - (days - 1 - i) * DAY_MS);
    return { date, sent: byDate.get(date) ?? 0 };
  });
}

/** A "nice" axis top (1, 2, 5 × 10^n) at or above the largest value, and its ticks. */
export function axis(max: number, tickCount = 4): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 4, ticks: [0, 1, 2, 3, 4] };
  const rough = max / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const wholeStep = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / wholeStep) * wholeStep;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += wholeStep) ticks.push(v);
  return { top, ticks };
}
