// Date-celebration routes: list (paged), add, edit or switch off, delete.
import { CelebrationBody, CelebrationListQuery, CelebrationPatch } from '#domain/api-orders';
import { addCelebration, changeCelebration, listCelebrations, removeCelebration } from '#services/celebrations';
import { json, jsonBody, parseWith } from '../http';
import type { AdminRoute } from './route';

export const celebrationRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/api/celebrations',
    async run({ event, deps, shop }) {
      return json(200, await listCelebrations(deps, shop, parseWith(CelebrationListQuery, event.queryStringParameters ?? {})));
    },
  },
  {
    method: 'POST',
    path: '/api/celebrations',
    async run({ event, deps, shop }) {
      return json(201, await addCelebration(deps, shop, jsonBody(event, CelebrationBody)));
    },
  },
  {
    method: 'PUT',
    path: '/api/celebrations/{id}',
    async run({ event, deps, shop, params }) {
      return json(200, await changeCelebration(deps, shop, params.id ?? '', jsonBody(event, CelebrationPatch)));
    },
  },
  {
    method: 'DELETE',
    path: '/api/celebrations/{id}',
    async run({ deps, shop, params }) {
      return json(200, await removeCelebration(deps, shop, params.id ?? ''));
    },
  },
];
