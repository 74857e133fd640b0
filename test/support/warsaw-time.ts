// How a live Shoper shop writes App Store timestamps: `Y-m-d H:i:s` wall-clock time in Europe/Warsaw. Formatted
// here with Intl on purpose, independently of the app's calendar (functions/domain/calendar.ts) and of the shop
// simulator's own formatting, so that tests compare the two with a third opinion.
const format = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export const warsawWallClock = (at: Date | number): string => format.format(at);
