// Composer routes: the shop's own values at their longest, for the worst-case SMS count.
import { ADMIN } from '#contracts/admin';
import { longestValues } from '#services/longest-values';
import { handle, type AdminRoute } from './route';

export const composerRoutes: AdminRoute[] = [handle(ADMIN.longestValues, ({ deps, shop }) => longestValues(deps, shop))];
