// Template routes: list all, save one per kind, save one per order status.
import { badRequest } from '#domain/errors';
import { TemplateBody } from '#domain/api';
import { TEMPLATE_KINDS } from '#domain/notification-kinds';
import { templateKey } from '#domain/planning';
import { assertShopHasStatus } from '#services/statuses';
import { saveTemplate } from '#services/templates';
import { json, jsonBody } from '../http';
import type { AdminRoute } from './route';

export const templateRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/templates',
    async run({ deps, shop }) {
      const templates = await deps.store.listTemplates(shop);
      return json(200, {
        items: Object.entries(templates).map(([key, t]) => ({ key, kind: key.split('#')[0], ...t })),
      });
    },
  },
  {
    method: 'PUT',
    path: '/api/templates/order-status/{statusId}',
    async run({ event, deps, shop, params }) {
      const statusId = params.statusId ?? '';
      if (!/^\d{1,10}$/.test(statusId)) throw badRequest('FIELD_INVALID', 'statusId must be a number', 'statusId');
      const body = jsonBody(event, TemplateBody);
      await assertShopHasStatus(deps, shop, statusId);
      return json(200, await saveTemplate(deps, shop, 'order-status', templateKey.orderStatus(statusId), body));
    },
  },
  {
    method: 'PUT',
    path: '/api/templates/{kind}',
    async run({ event, deps, shop, params }) {
      const kind = TEMPLATE_KINDS.find((k) => k === params.kind);
      if (!kind) throw badRequest('FIELD_INVALID', `kind must be one of ${TEMPLATE_KINDS.join(', ')}`, 'kind');
      const body = jsonBody(event, TemplateBody);
      return json(200, await saveTemplate(deps, shop, kind, kind, body));
    },
  },
];
