// Shop routes: the install's own state ("Trwa konfiguracja sklepu…", a failed setup and its retry, webhook mode).
import { ShopSetupRetryBody } from '#domain/api';
import { retryShopSetup, shopState } from '#services/shop-state';
import { json, jsonBody } from '../http';
import type { AdminRoute } from './route';

export const shopRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/shop',
    async run({ deps, shop }) {
      return json(200, await shopState(deps, shop));
    },
  },
  {
    method: 'POST',
    path: '/api/shop/setup',
    async run({ event, deps, shop }) {
      jsonBody(event, ShopSetupRetryBody);
      return json(202, await retryShopSetup(deps, shop));
    },
  },
];
