// The shop's daily cap of SMS started by strangers on the storefront (back in stock, abandoned baskets): each
// job takes a place on the day it is due; when that day is full it waits for the next day with room, with a
// reason the merchant sees — for MAX_WAIT_DAYS at most. With no room in that time (or a cap of 0) the message is
// not sent at all, and the error log says so: a cap is a limit, not a queue that grows without end.
import { randomUUID } from 'node:crypto';
import { localDate, localMidnight, shiftDate } from '#domain/calendar';
import { PLACE_NAMES, type Job, type NotificationKind, type ShopSettings } from '#domain/model';
import { nextSendTime } from '#domain/quiet-hours';
import type { Deps } from './deps';

export const DAILY_CAP_CODE = 'STOREFRONT_DAILY_CAP';
/** How many days a job may wait for room under the cap; past that it is not sent. */
export const MAX_WAIT_DAYS = 7;
const DAY_SECONDS = 86_400;

const capCounter = (date: string) => `cap#${date}`;

export type CapPlacement =
  | {
      dropped?: undefined;
      dueAt: Date;
      /** Set when the cap moved the job to a later day. */
      waitReason?: Job['waitReason'];
      capDate: string;
    }
  /** No room today nor in the next MAX_WAIT_DAYS days (or a cap of 0): the job must not be created. */
  | { dropped: true };

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
  const tz = settings.quietHours.timeZone;
  const cap = settings.storefrontDailyCap;
  const firstDate = localDate(dueAt, tz);
  let due = dueAt;
  let date = firstDate;
  let placed = false;
  // A cap of 0 switches storefront messages off: nothing to look for.
  for (let day = 0; cap > 0 && day <= MAX_WAIT_DAYS; day++) {
    const expires = Math.floor(localMidnight(shiftDate(date, 3), tz).getTime() / 1000);
    if ((await deps.counters.consume(shop, capCounter(date), cap, expires)).ok) {
      placed = true;
      break;
    }
    if (day === 0) await noteCapReached(deps, shop, kind, cap, date);
    date = shiftDate(date, 1);
    const midnight = localMidnight(date, tz);
    const windowApplies = settings.quietHours.enabled && (settings.quietHoursFor[kind] ?? false);
    due = windowApplies ? nextSendTime(midnight, settings.quietHours) : midnight;
    date = localDate(due, tz);
  }
  if (!placed) {
    await noteDropped(deps, shop, kind, cap, firstDate);
    return { dropped: true };
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
  await deps.counters.release(shop, capCounter(capDate));
}

async function noteCapReached(deps: Deps, shop: string, kind: NotificationKind, cap: number, date: string) {
  const expires = Math.floor(deps.clock.now().getTime() / 1000) + 3 * DAY_SECONDS;
  if (!(await deps.counters.consume(shop, `capnote#${date}`, 1, expires)).ok) return;
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

/** Once a day per shop: storefront messages are being dropped because the cap leaves no room. */
async function noteDropped(deps: Deps, shop: string, kind: NotificationKind, cap: number, date: string) {
  const expires = Math.floor(deps.clock.now().getTime() / 1000) + 3 * DAY_SECONDS;
  if (!(await deps.counters.consume(shop, `capdrop#${date}`, 1, expires)).ok) return;
  await deps.store.addError(shop, {
    id: randomUUID(),
    at: deps.clock.now().toISOString(),
    code: DAILY_CAP_CODE,
    message:
      cap === 0
        ? 'Dzienny limit SMS z witryny sklepu wynosi 0: wiadomości z witryny (powiadomienia o dostępności, porzucone koszyki) nie są wysyłane. Limit zmienisz w ustawieniach.'
        : `Dzienny limit SMS z witryny sklepu (${cap}) jest wyczerpany na ${MAX_WAIT_DAYS} kolejnych dni: kolejne wiadomości z witryny nie zostaną wysłane. Limit zmienisz w ustawieniach.`,
    place: PLACE_NAMES[kind].pl,
  });
  deps.logger.warn('storefront daily cap: message dropped', { shop, date, cap });
}
