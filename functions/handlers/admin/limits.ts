// The sending limits' state for the banner on every tab: a spend limit reached and what it held back, a low balance.
import { ADMIN } from '#contracts/admin';
import { limitsState } from '#services/limits-state';
import { handle, type AdminRoute } from './route';

export const limitRoutes: AdminRoute[] = [handle(ADMIN.limits, ({ deps, shop }) => limitsState(deps, shop))];
