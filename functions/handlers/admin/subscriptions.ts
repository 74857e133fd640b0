// Notification list routes (manual 4.9): back-in-stock sign-ups, searched and paged; delete one or the selected.
import { ADMIN } from '#contracts/admin';
import { notFound } from '#domain/errors';
import { deleteSignUps, listSignUps } from '#services/back-in-stock';
import { handle, type AdminRoute } from './route';

export const subscriptionRoutes: AdminRoute[] = [
  handle(ADMIN.subscriptions, ({ deps, shop, query }) => listSignUps(deps, shop, query)),
  handle(ADMIN.deleteSubscriptions, async ({ deps, shop, body }) => ({ deleted: await deleteSignUps(deps, shop, body.ids) })),
  handle(ADMIN.deleteSubscription, async ({ deps, shop, params }) => {
    const deleted = await deleteSignUps(deps, shop, [params.id]);
    if (deleted === 0) throw notFound('SUBSCRIPTION_NOT_FOUND', 'Nie ma takiego zapisu na powiadomienie / No such sign-up');
    return { deleted };
  }),
];
