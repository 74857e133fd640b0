// Plain-text tables for the terminal: a header, aligned columns (numbers to the right), a rule under the header.

export type Cell = string | number;

export function formatNumber(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return '—';
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

export function table(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number' || /^[\d.,+\-%—]+( \w+)?$/.test(String(r[i] ?? ''))));
  const pad = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [pad(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...text.map(pad)].join('\n');
}

export function heading(title: string): string {
  return `\n${title}\n${'═'.repeat(title.length)}`;
}
