// Use case: read and save the staff alerts ("Powiadomienia dla zespołu"): up to five team mobile numbers and, per
// event, Wyślij, the text and whether the send window applies. Bad input is refused naming the field; nothing is
// saved then.
import { AppError, badRequest } from '#domain/errors';
import { normalizeMobile } from '#domain/phone';
import { STAFF_ALERT_EVENTS, STAFF_EVENT_NAMES, STAFF_MESSAGE_KIND, staffAlertsWithDefaults, type StaffAlerts } from '#domain/staff-alerts';
import type { StaffAlertsBody } from '#contracts/staff';
import type { Deps } from './deps';
import { assertValidTemplate } from './templates';

export async function readStaffAlerts(deps: Deps, shop: string): Promise<StaffAlerts> {
  return staffAlertsWithDefaults(await deps.staffAlerts.get(shop));
}

function teamPhones(raw: readonly string[]): string[] {
  const phones: string[] = [];
  raw.forEach((value, index) => {
    if (value.trim() === '') return;
    const field = `phones.${index}`;
    const phone = normalizeMobile(value.trim());
    if (!phone.ok) throw badRequest(phone.code, `Numer telefonu zespołu nr ${index + 1}: ${phone.message}`, field);
    if (phones.includes(phone.e164)) {
      throw badRequest(
        'STAFF_PHONE_REPEATED',
        `Numer telefonu zespołu nr ${index + 1} powtarza wcześniejszy numer — usuń go albo wpisz inny`,
        field,
      );
    }
    phones.push(phone.e164);
  });
  return phones;
}

export async function updateStaffAlerts(deps: Deps, shop: string, body: StaffAlertsBody): Promise<StaffAlerts> {
  const phones = teamPhones(body.phones);
  const anyEnabled = STAFF_ALERT_EVENTS.some((event) => body[event].enabled);
  if (anyEnabled && phones.length === 0) {
    throw badRequest(
      'STAFF_PHONES_MISSING',
      'Numery telefonów zespołu: wpisz co najmniej jeden numer komórkowy albo wyłącz powiadomienia',
      'phones.0',
    );
  }
  const smsapi = await deps.store.getSmsapi(shop);
  for (const event of STAFF_ALERT_EVENTS) {
    const rule = body[event];
    if (!rule.enabled && rule.text.trim() === '') continue;
    try {
      assertValidTemplate(STAFF_MESSAGE_KIND[event], rule.text, {
        maxParts: deps.config.SMSAPI_MAX_PARTS,
        replaceSpecialCharacters: smsapi?.replaceSpecialCharacters,
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw badRequest(error.code, `${STAFF_EVENT_NAMES[event].pl} — wiadomość: ${error.message}`, `${event}.text`, error.details);
    }
  }
  const alerts: StaffAlerts = {
    phones,
    newOrder: { ...body.newOrder },
    orderCancelled: { ...body.orderCancelled },
    outOfStock: { ...body.outOfStock },
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.staffAlerts.put(shop, alerts);
  deps.logger.info('staff alerts saved', { shop, phones: phones.length, enabled: STAFF_ALERT_EVENTS.filter((e) => body[e].enabled) });
  return alerts;
}
