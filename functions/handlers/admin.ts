// The admin API (/api/*) behind the SPA, plus /health. Routes live in ./admin/*; this file is the router.
import httpRouterHandler from '@middy/http-router';
import type { Context } from 'aws-lambda';
import { awsDeps } from '../composition';
import { dynamodb, sendLimits, stats } from '../aws/dynamodb';
import { eventsQueue, sendsQueue } from '../aws/sqs';
import { kms } from '../aws/kms';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import { smsapi } from '../aws/smsapi';
import { SessionRequest } from '#domain/api';
import { notFound } from '#domain/errors';
import type { Deps } from '#services/deps';
import { createSession, verifySession } from '#services/admin-session';
import { headersOf, httpHandler, json, jsonBody, type HttpEvent, type HttpResult } from './http';
import type { AdminRoute } from './admin/route';
import { templateRoutes } from './admin/templates';
import { subscriptionRoutes } from './admin/subscriptions';
import { smsapiRoutes } from './admin/smsapi';
import { errorRoutes } from './admin/errors';
import { statsRoutes } from './admin/stats';
import { settingsRoutes } from './admin/settings';
import { statusRoutes } from './admin/statuses';
import { celebrationRoutes } from './admin/celebrations';
import { jobRoutes } from './admin/jobs';
import { shopRoutes } from './admin/shop';
import { composerRoutes } from './admin/composer';
import { staffAlertRoutes } from './admin/staff-alerts';
import { limitRoutes } from './admin/limits';
import { linkRoutes } from './admin/links';

const sessionRoutes: AdminRoute[] = [
  {
    method: 'POST',
    path: '/api/session',
    public: true,
    async run({ event, deps }) {
      return json(200, await createSession(deps, jsonBody(event, SessionRequest)));
    },
  },
  {
    method: 'GET',
    path: '/health',
    public: true,
    async run() {
      return json(200, { ok: true });
    },
  },
];

export const ADMIN_ROUTES: AdminRoute[] = [...sessionRoutes, ...templateRoutes, ...settingsRoutes, ...statusRoutes, ...celebrationRoutes, ...jobRoutes, ...smsapiRoutes, ...errorRoutes, ...statsRoutes, ...subscriptionRoutes, ...shopRoutes, ...composerRoutes, ...staffAlertRoutes, ...limitRoutes, ...linkRoutes];

export const makeHandler = (getDeps: () => Promise<Deps>, routes: AdminRoute[] = ADMIN_ROUTES) => {
  let router: ((event: HttpEvent, context: Context) => Promise<unknown>) | undefined;
  const build = (deps: Deps) =>
    httpRouterHandler<HttpEvent, HttpResult>({
      routes: routes.map((route) => ({
        method: route.method,
        path: route.path,
        handler: async (e: HttpEvent) => {
          // The shop comes from the session token only, never from the request.
          const shop = route.public ? '' : await verifySession(deps, headersOf(e)['authorization']);
          return route.run({ event: e, deps, shop, params: (e.pathParameters ?? {}) as Record<string, string> });
        },
      })),
      notFoundResponse: ({ method, path }) => {
        throw notFound('ROUTE_NOT_FOUND', `No route ${method} ${path}`);
      },
    }) as unknown as (event: HttpEvent, context: Context) => Promise<unknown>;
  return httpHandler(getDeps, async (event, deps, context) => {
    router ??= build(deps);
    return (await router(event, context)) as HttpResult;
  });
};

/** In AWS: only the ports this function calls, so only their SDK clients load (functions/composition.ts). */
export const getDeps = awsDeps('admin', { ...dynamodb, ...sendLimits, ...stats, ...eventsQueue, ...kms, ...sendsQueue, ...scheduler, ...ssmSecrets, ...smsapi });
export const handler = makeHandler(getDeps);
