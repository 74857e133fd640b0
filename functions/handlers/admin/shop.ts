// Shop routes: the install's own state ("Trwa konfiguracja sklepu…", a failed setup and its retry, webhook mode).
import { ADMIN } from '#contracts/admin';
import { retryShopSetup, shopState } from '#services/shop-state';
import { handle, type AdminRoute } from './route';

export const shopRoutes: AdminRoute[] = [
  handle(ADMIN.shop, ({ deps, shop }) => shopState(deps, shop)),
  handle(ADMIN.retrySetup, ({ deps, shop }) => retryShopSetup(deps, shop)),
];
