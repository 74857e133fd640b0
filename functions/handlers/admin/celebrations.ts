// Date-celebration routes: list (paged), add, edit or switch off, delete.
import { ADMIN } from '#contracts/admin';
import { addCelebration, changeCelebration, listCelebrations, removeCelebration } from '#services/celebrations';
import { handle, type AdminRoute } from './route';

export const celebrationRoutes: AdminRoute[] = [
  handle(ADMIN.celebrations, ({ deps, shop, query }) => listCelebrations(deps, shop, query)),
  handle(ADMIN.addCelebration, ({ deps, shop, body }) => addCelebration(deps, shop, body)),
  handle(ADMIN.changeCelebration, ({ deps, shop, params, body }) => changeCelebration(deps, shop, params.id, body)),
  handle(ADMIN.removeCelebration, ({ deps, shop, params }) => removeCelebration(deps, shop, params.id)),
];
