// The admin API (/api/*) behind the SPA, plus /health. Routes live in ./admin/*; this file is the router.
import httpRouterHandler from '@middy/http-router';
import type { Context } from 'aws-lambda';
import { awsDeps } from '../composition';
import { shoperHttp, smsapiOAuth } from '../aws/http';
import { dynamodb, jobs, sendLimits, shortLinks, signUps, smsapiAccount, staffAlerts, stats } from '../aws/dynamodb';
import { eventsQueue, sendsQueue } from '../aws/sqs';
import { kms } from '../aws/kms';
import { scheduler } from '../aws/scheduler';
import { ssmSecrets } from '../aws/ssm';
import { smsapi } from '../aws/smsapi';
import { ADMIN } from '#contracts/admin';
import { notFound } from '#domain/errors';
import type { Deps } from '#services/deps';
import { createSession, verifySession } from '#services/admin-session';
import { headersOf, httpHandler, json, jsonBody, parseParams, parseWith, type HttpEvent, type HttpResult } from './http';
import { handle, type AdminRoute } from './admin/route';
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
  handle(ADMIN.session, ({ deps, body }) => createSession(deps, body)),
  handle(ADMIN.health, async () => ({ ok: true as const })),
];

export const ADMIN_ROUTES: AdminRoute[] = [
  ...sessionRoutes,
  ...templateRoutes,
  ...settingsRoutes,
  ...statusRoutes,
  ...celebrationRoutes,
  ...jobRoutes,
  ...smsapiRoutes,
  ...errorRoutes,
  ...statsRoutes,
  ...subscriptionRoutes,
  ...shopRoutes,
  ...composerRoutes,
  ...staffAlertRoutes,
  ...limitRoutes,
  ...linkRoutes,
];

export const makeHandler = (getDeps: () => Promise<Deps>, routes: AdminRoute[] = ADMIN_ROUTES) => {
  let router: ((event: HttpEvent, context: Context) => Promise<unknown>) | undefined;
  const build = (deps: Deps) =>
    httpRouterHandler<HttpEvent, HttpResult>({
      routes: routes.map((route) => ({
        method: route.method,
        path: route.path,
        handler: async (e: HttpEvent) => {
          // The shop comes from the session token only, never from the request.
          const shop = route.public ? '' : await verifySession(deps, headersOf(e).authorization);
          const { contract } = route;
          // Parameters, then the body, then the query: each refusal names its field (400) before anything changes.
          const params = contract.params ? parseParams(contract.params, e.pathParameters ?? {}) : (e.pathParameters ?? {});
          const body = contract.body ? jsonBody(e, contract.body) : undefined;
          const query = contract.query ? parseWith(contract.query, e.queryStringParameters ?? {}) : undefined;
          const answer = await route.run({ event: e, deps, shop, params, body, query } as Parameters<AdminRoute['run']>[0]);
          return contract.redirect ? (answer as HttpResult) : json(contract.status ?? 200, answer);
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
export const getDeps = awsDeps('admin', {
  ...shoperHttp,
  ...smsapiOAuth,
  ...dynamodb,
  ...jobs,
  ...sendLimits,
  ...shortLinks,
  ...signUps,
  ...smsapiAccount,
  ...staffAlerts,
  ...stats,
  ...eventsQueue,
  ...kms,
  ...sendsQueue,
  ...scheduler,
  ...ssmSecrets,
  ...smsapi,
});
export const handler = makeHandler(getDeps);
