// Template routes: list all, save one per kind, save one per order status.
import { ADMIN } from '#contracts/admin';
import { templateKey } from '#domain/planning';
import { assertShopHasStatus } from '#services/statuses';
import { saveTemplate } from '#services/templates';
import { handle, type AdminRoute } from './route';

export const templateRoutes: AdminRoute[] = [
  handle(ADMIN.templates, async ({ deps, shop }) => {
    const templates = await deps.store.listTemplates(shop);
    return { items: Object.entries(templates).map(([key, t]) => ({ key, kind: key.split('#')[0]!, ...t })) };
  }),
  handle(ADMIN.saveStatusTemplate, async ({ deps, shop, params, body }) => {
    await assertShopHasStatus(deps, shop, params.statusId);
    return saveTemplate(deps, shop, 'order-status', templateKey.orderStatus(params.statusId), body);
  }),
  handle(ADMIN.saveTemplate, ({ deps, shop, params, body }) => saveTemplate(deps, shop, params.kind, params.kind, body)),
];
