// How Shoper writes dates and money: "2024-01-15 12:34:56" in the shop's time zone, "123.45".

const warsawDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function shoperDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return warsawDateTime.format(date).replace('T', ' ');
}

export function money(amount: number): string {
  return amount.toFixed(2);
}

export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}
