// Notification list routes (manual 4.9): back-in-stock sign-ups, searched and paged; delete one or the selected.
import { notFound } from '#domain/errors';
import { SubscriptionDeleteBody, SubscriptionListQuery } from '#domain/api-storefront';
import { deleteSignUps, listSignUps } from '#services/back-in-stock';
import { json, jsonBody, parseWith } from '../http';
import type { AdminRoute } from './route';

export const subscriptionRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/subscriptions',
    async run({ event, deps, shop }) {
      const query = parseWith(SubscriptionListQuery, event.queryStringParameters ?? {});
      return json(200, await listSignUps(deps, shop, query));
    },
  },
  {
    method: 'POST',
    path: '/api/subscriptions/delete',
    async run({ event, deps, shop }) {
      const { ids } = jsonBody(event, SubscriptionDeleteBody);
      return json(200, { deleted: await deleteSignUps(deps, shop, ids) });
    },
  },
  {
    method: 'DELETE',
    path: '/api/subscriptions/{id}',
    async run({ deps, shop, params }) {
      const deleted = await deleteSignUps(deps, shop, [params.id ?? '']);
      if (deleted === 0) throw notFound('SUBSCRIPTION_NOT_FOUND', 'Nie ma takiego zapisu na powiadomienie / No such sign-up');
      return json(200, { deleted });
    },
  },
];
