// Use case: read and change a shop's settings (owner's phone, send window, consent and stale-message policies,
// "shipped" statuses, countries). Stored per shop, so every choice survives logout and login.
import { isSupportedCountry } from '#domain/phone';
import { badRequest } from '#domain/errors';
import type { ShopSettings } from '#domain/model';
import { normalizeMobile } from '#domain/phone';
import { quietHoursIssue, type QuietHoursIssue } from '#domain/quiet-hours';
import { withDefaults } from '#domain/settings';
import { templateKey } from '#domain/planning';
import { mergeLimits, sendingLimitsIssue } from '#domain/sending-limits';
import type { SettingsBody } from '#contracts/orders';
import type { Deps } from './deps';

export async function readSettings(deps: Deps, shop: string): Promise<ShopSettings> {
  const [settings, shopRecord] = await Promise.all([deps.store.getSettings(shop), deps.store.getShop(shop)]);
  return withDefaults(settings, shopRecord?.statuses);
}

function quietHoursError(issue: QuietHoursIssue) {
  switch (issue.code) {
    case 'QUIET_HOURS_BAD_TIME':
      return badRequest(
        issue.code,
        `Godziny wysyłki: nieprawidłowa godzina „${issue.value}” — wpisz GG:MM, np. 08:00`,
        `quietHours.${issue.field}`,
      );
    case 'QUIET_HOURS_START_NOT_BEFORE_END':
      return badRequest(
        issue.code,
        `Godziny wysyłki: do: godzina końca musi być późniejsza niż początek (${issue.start}–${issue.end}); okno przez północ nie jest obsługiwane`,
        'quietHours.end',
      );
    case 'QUIET_HOURS_BAD_TIME_ZONE':
      return badRequest(
        issue.code,
        `Strefa czasowa: nieznana strefa „${issue.timeZone}” — wybierz ją z listy, np. Europe/Warsaw`,
        'quietHours.timeZone',
      );
  }
}

export async function updateSettings(deps: Deps, shop: string, body: SettingsBody): Promise<ShopSettings> {
  const current = await readSettings(deps, shop);
  const next: ShopSettings = {
    ...current,
    quietHours: { ...current.quietHours, ...body.quietHours },
    quietHoursFor: { ...current.quietHoursFor, ...body.quietHoursFor },
  };

  if (body.ownerPhone !== undefined) {
    const raw = body.ownerPhone?.trim() ?? '';
    if (raw === '') {
      if ((await deps.store.listTemplates(shop))[templateKey.ownerNewOrder]?.enabled) {
        throw badRequest(
          'OWNER_PHONE_REQUIRED',
          'Numer telefonu właściciela: powiadomienie o nowych zamówieniach jest włączone — wpisz numer albo najpierw wybierz „Wyślij: Nie”',
          'ownerPhone',
        );
      }
      delete next.ownerPhone;
    } else {
      const phone = normalizeMobile(raw);
      if (!phone.ok) throw badRequest(phone.code, `Numer telefonu właściciela: ${phone.message}`, 'ownerPhone');
      next.ownerPhone = phone.e164;
    }
  }

  const issue = quietHoursIssue(next.quietHours);
  if (issue) throw quietHoursError(issue);

  if (body.requireMarketingConsent !== undefined) next.requireMarketingConsent = body.requireMarketingConsent;
  if (body.backInStockRequiresConsent !== undefined) next.backInStockRequiresConsent = body.backInStockRequiresConsent;
  if (body.cancelStaleStatusMessages !== undefined) next.cancelStaleStatusMessages = body.cancelStaleStatusMessages;
  if (body.storefrontDailyCap !== undefined) next.storefrontDailyCap = body.storefrontDailyCap;
  if (body.limits !== undefined) {
    next.limits = mergeLimits(current.limits, body.limits);
    const limitIssue = sendingLimitsIssue(next.limits);
    if (limitIssue) throw badRequest('SETTINGS_LIMIT_INVALID', limitIssue.message, limitIssue.field);
  }

  if (body.shippedStatusIds !== undefined) {
    const known = (await deps.store.getShop(shop))?.statuses;
    const unknown = known ? body.shippedStatusIds.find((id) => !known.some((s) => s.statusId === id)) : undefined;
    if (unknown !== undefined) {
      throw badRequest('SETTINGS_STATUS_UNKNOWN', `Sklep nie ma statusu zamówienia o numerze ${unknown}`, 'shippedStatusIds');
    }
    next.shippedStatusIds = [...new Set(body.shippedStatusIds)];
  }

  if (body.allowedCountries !== undefined) {
    const codes = [...new Set(body.allowedCountries.map((c) => c.toUpperCase()))];
    const unknown = codes.find((c) => !isSupportedCountry(c));
    if (unknown !== undefined) throw badRequest('SETTINGS_COUNTRY_UNKNOWN', `Nieznany kod kraju „${unknown}”`, 'allowedCountries');
    next.allowedCountries = codes;
  }

  await deps.store.putSettings(shop, next);
  deps.logger.info('settings saved', { shop, changed: Object.keys(body) });
  return next;
}
