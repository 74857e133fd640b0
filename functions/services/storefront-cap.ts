// The shop's daily cap of SMS started by strangers on the storefront (back in stock, abandoned baskets): each
// job takes a place on the day it is due; when that day is full it waits for the next day with room, with a
// reason the merchant sees. Nothing is dropped.
import { randomUUID } from 'node:crypto';
import { createCounterRepository } from '#adapters/dynamodb/rate-limits';
import { localDate, shiftDate } from '#domain/calendar';
import { PLACE_NAMES, type Job, type NotificationKind, type ShopSettings } from '#domain/model';
import { nextSendTime } from '#domain/quiet-hours';
import type { Deps } from './deps';

export const DAILY_CAP_CODE = 'STOREFRONT_DAILY_CAP';
/** How far ahead a job may be pushed looking for room (then it takes the last day regardless, never dropped). */
const MAX_DAYS_AHEAD = 60;
const DAY_SECONDS = 86_400;

const capCounter = (date: string) => `cap#${date}`;

function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** 00:00 of a local calendar date in the shop's zone (two passes: right across daylight-saving changes). */
export function localMidnight(date: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}

export interface CapPlacement {
  dueAt: Date;
  /** Set when the cap moved the job to a later day. */
  waitReason?: Job['waitReason'];
  capDate: string;
}

/**
 * Takes a place under the daily cap for a job of `kind` due at `dueAt`; returns the (possibly later) due time.
 * The first time a day fills up, the merchant also gets an entry in the error log.
 */
export async function placeUnderDailyCap(
  deps: Deps,
  shop: string,
  settings: ShopSettings,
  kind: NotificationKind,
  dueAt: Date,
): Promise<CapPlacement> {
  const counters = createCounterRepository(deps.store);
  const tz = settings.quietHours.timeZone;
  const cap = settings.storefrontDailyCap;
  const firstDate = localDate(dueAt, tz);
  let due = dueAt;
  let date = firstDate;
  for (let day = 0; day < MAX_DAYS_AHEAD; day++) {
    const expires = Math.floor(localMidnight(shiftDate(date, 3), tz).getTime() / 1000);
    if ((await counters.consume(shop, capCounter(date), cap, expires)).ok) break;
    if (day === 0) await noteCapReached(deps, shop, kind, cap, date);
    date = shiftDate(date, 1);
    const midnight = localMidnight(date, tz);
    const windowApplies = settings.quietHours.enabled && (settings.quietHoursFor[kind] ?? false);
    due = windowApplies ? nextSendTime(midnight, settings.quietHours) : midnight;
    date = localDate(due, tz);
  }
  if (date === firstDate) return { dueAt: due, capDate: date };
  return {
    dueAt: due,
    capDate: date,
    waitReason: {
      code: DAILY_CAP_CODE,
      message: `Dzienny limit SMS z witryny sklepu (${cap}) na ${firstDate} został wyczerpany — wysyłka przesunięta na ${date}. Limit zmienisz w ustawieniach.`,
    },
  };
}

/** A job that will not go (cancelled, or not created after all) gives its place back. */
export async function releaseCapPlace(deps: Deps, shop: string, capDate: string): Promise<void> {
  await createCounterRepository(deps.store).release(shop, capCounter(capDate));
}

async function noteCapReached(deps: Deps, shop: string, kind: NotificationKind, cap: number, date: string) {
  const counters = createCounterRepository(deps.store);
  const expires = Math.floor(deps.clock.now().getTime() / 1000) + 3 * DAY_SECONDS;
  if (!(await counters.consume(shop, `capnote#${date}`, 1, expires)).ok) return;
  const at = deps.clock.now().toISOString();
  await deps.store.addError(shop, {
    id: randomUUID(),
    at,
    code: DAILY_CAP_CODE,
    message: `Osiągnięto dzienny limit ${cap} SMS z witryny sklepu na ${date}. Kolejne wiadomości czekają na następny dzień; limit zmienisz w ustawieniach.`,
    place: PLACE_NAMES[kind].pl,
  });
  deps.logger.warn('storefront daily cap reached', { shop, date, cap });
}
