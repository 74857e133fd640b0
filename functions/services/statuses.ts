// Use case: "Aktualna lista statusów" (manual 4.4.2): every order status of the shop, custom ones included, with
// its template, a proposed text and whether a change to it sends an SMS. The statuses are re-read from Shoper
// when the stored copy is older than an hour, so a status the merchant just added shows up.
import { AppError, notFound } from '#domain/errors';
import type { MessageTemplate } from '#domain/model';
import { proposedStatusTemplate } from '#domain/default-templates';
import { templateKey } from '#domain/planning';
import { withDefaults } from '#domain/settings';
import type { Deps } from './deps';
import { createShoperClient } from './shoper-client';
import { readShopCatalogue } from './shop-catalogue';

export const CATALOGUE_MAX_AGE_MS = 3600_000;

export interface StatusOverview {
  statusId: string;
  name: string;
  nameEn?: string;
  /** Shoper's type: 1 new, 2 opened, 3 closed, 4 not completed (cancelled, rejected, returned). */
  type?: number;
  active: boolean;
  template: Pick<MessageTemplate, 'enabled' | 'delayDays' | 'text'> | null;
  /** The proposed Polish text for Shoper's default statuses; null for a custom status. */
  proposedText: string | null;
  /** The check mark of the overview: a change to this status sends an SMS. */
  sends: boolean;
  /** The merchant marked it as "shipped" (date celebrations). */
  shipped: boolean;
}

export async function listStatuses(deps: Deps, shopId: string) {
  let shop = await deps.store.getShop(shopId);
  if (!shop || shop.status !== 'installed') throw notFound('SHOP_NOT_FOUND', 'Sklep nie ma zainstalowanej aplikacji');
  const now = deps.clock.now();
  const readAt = shop.catalogueReadAt ?? shop.installedAt;
  let refreshFailed = false;
  if (!shop.statuses || now.getTime() - new Date(readAt).getTime() > CATALOGUE_MAX_AGE_MS) {
    try {
      const catalogue = await readShopCatalogue(createShoperClient(deps, shop));
      await deps.store.saveCatalogue(shopId, catalogue, now.toISOString());
      shop = { ...shop, ...catalogue, catalogueReadAt: now.toISOString() };
    } catch (error) {
      // The stored list is still right for every status but a brand-new one: show it rather than fail.
      refreshFailed = true;
      deps.logger.warn('status list refresh failed', { shop: shopId, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const [templates, settings] = await Promise.all([deps.store.listTemplates(shopId), deps.store.getSettings(shopId)]);
  const shipped = new Set(withDefaults(settings, shop.statuses).shippedStatusIds);
  const items: StatusOverview[] = (shop.statuses ?? []).map((status) => {
    const template = templates[templateKey.orderStatus(status.statusId)];
    return {
      statusId: status.statusId,
      name: status.name,
      nameEn: status.nameEn,
      type: status.type,
      active: status.active ?? true,
      template: template ? { enabled: template.enabled, delayDays: template.delayDays, text: template.text } : null,
      proposedText: proposedStatusTemplate(status.name) ?? null,
      sends: template !== undefined && template.enabled && template.text.trim() !== '',
      shipped: shipped.has(status.statusId),
    };
  });
  return { items, readAt: shop.catalogueReadAt ?? readAt, ...(refreshFailed ? { refreshFailed } : {}) };
}

/**
 * A template may only be saved for a status the shop has: one not in the stored list is looked up again in Shoper
 * (the merchant may have just added it), and is a 404 if Shoper does not have it either.
 */
export async function assertShopHasStatus(deps: Deps, shopId: string, statusId: string): Promise<void> {
  const shop = await deps.store.getShop(shopId);
  if (!shop || shop.status !== 'installed') throw notFound('SHOP_NOT_FOUND', 'Sklep nie ma zainstalowanej aplikacji');
  if (shop.statuses?.some((s) => s.statusId === statusId)) return;
  let catalogue;
  try {
    catalogue = await readShopCatalogue(createShoperClient(deps, shop));
  } catch {
    throw new AppError(502, 'SHOPER_UNAVAILABLE', 'Nie udało się sprawdzić statusów zamówień w sklepie — spróbuj ponownie za chwilę');
  }
  const now = deps.clock.now().toISOString();
  await deps.store.saveCatalogue(shopId, catalogue, now);
  if (!catalogue.statuses?.some((s) => s.statusId === statusId)) {
    throw notFound(
      'STATUS_NOT_FOUND',
      `Sklep nie ma statusu zamówienia o numerze ${statusId} — odśwież listę statusów i wybierz jeden z nich`,
    );
  }
}
