// Helpers for the order-notification integration tests: a runtime with an installed shop and a connected
// SMSAPI account, admin API calls signed in the way the Shoper admin does, and the clock set to Warsaw times.
import type { LocalRuntime } from '../../local/runtime';
import { adminApi, type AdminApi } from '../support/admin-client';
import { startTestRuntime, connectDemoSmsapi } from '../support/runtime';

export interface OrdersWorld {
  rt: LocalRuntime;
  licence: string;
  api: AdminApi;
}

export async function startOrdersWorld(slug = 'demo'): Promise<OrdersWorld> {
  const rt = await startTestRuntime();
  const licence = rt.shop.createShop({ slug, name: 'Sklep Demo' }).licence;
  const installed = await rt.shop.install(slug);
  if (installed.status !== 200) throw new Error(`install failed: ${installed.status}`);
  await connectDemoSmsapi(rt, licence);

  // A fresh session per call: the iframe parameters are signed for the (moving) clock.
  return { rt, licence, api: adminApi(rt, slug) };
}

const warsaw = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "HH:MM" in Warsaw at an instant. */
export const warsawTime = (at: Date) => warsaw.format(at);

/** The next instant (on a whole minute, after `from`) when Warsaw's clock shows hh:mm. */
export function nextWarsaw(from: Date, hhmm: string): Date {
  let at = new Date(Math.ceil((from.getTime() + 1) / 60_000) * 60_000);
  for (let i = 0; i < 3 * 1440 && warsawTime(at) !== hhmm; i++) at = new Date(at.getTime() + 60_000);
  return at;
}

/** Moves the runtime's clock forward to the next hh:mm in Warsaw (plus `extraMs`). Returns that instant. */
export async function advanceToWarsaw(rt: LocalRuntime, hhmm: string, extraMs = 0): Promise<Date> {
  const target = new Date(nextWarsaw(rt.deps.clock.now(), hhmm).getTime() + extraMs);
  await rt.advanceClock(target.getTime() - rt.deps.clock.now().getTime());
  return target;
}
