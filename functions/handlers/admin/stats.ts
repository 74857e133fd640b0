// The statistics route ("Statystyki"): sent today / this week / this month, numbers collected, weekly growth
// and a 30-day daily series, in the shop's time zone.
import { ADMIN } from '#contracts/admin';
import { statsSummary } from '#services/stats';
import { handle, type AdminRoute } from './route';

export const statsRoutes: AdminRoute[] = [handle(ADMIN.stats, ({ deps, shop }) => statsSummary(deps, shop))];
