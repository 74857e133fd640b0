// The admin API's OpenAPI 3.1 document, generated from the same zod schemas that validate the requests and type
// the SPA's calls. Writes docs/openapi.json (npx tsx --conditions=import scripts/openapi.ts); a unit test fails when
// the committed file is stale or a route is undocumented.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { ErrorResponse, SessionRequest, SessionResponse, ShopSetupRetryBody, TemplateBody, TemplateResponse } from '#domain/api';
import { CelebrationBody, CelebrationListQuery, CelebrationPatch, JobDeleteBody, JobListQuery, SettingsBody } from '#domain/api-orders';
import {
  ErrorsQuery,
  ErrorsResponse,
  OAuthCompleteBody,
  OAuthStartResponse,
  SmsapiSettingsBody,
  SmsapiStateResponse,
  SmsapiTestBody,
  SmsapiTestResponse,
  StatsResponse,
} from '#domain/api-smsapi';
import { SubscriptionDeleteBody, SubscriptionListQuery, SubscriptionListResponse } from '#domain/api-storefront';
import { CelebrationList, CelebrationView, JobList, JobsDeleted, Settings, ShopStateResponse, StatusList, TemplateList } from '#domain/api-responses';
import { LongestValuesResponse } from '#domain/api-composer';
import { StaffAlertsBody, StaffAlertsResponse } from '#domain/api-staff';
import { LinkSettings, LinkSettingsBody, LinksResponse } from '#domain/api-links';
import { ADMIN_ROUTES } from '#handlers/admin';
import { LimitsStateResponse } from '#domain/api-limits';

interface RouteDoc {
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
  /** Answers with a redirect rather than JSON. */
  redirect?: boolean;
}

const Health = z.object({ ok: z.literal(true) });
const Deleted = z.object({ id: z.string(), deleted: z.literal(true) });

/** One entry per admin route, keyed `METHOD path` exactly as the router declares it. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /api/session': { tag: 'session', summary: 'Trade the signed iframe parameters for a session token', body: SessionRequest, response: SessionResponse },
  'GET /health': { tag: 'session', summary: 'Liveness', response: Health },
  'GET /api/templates': { tag: 'templates', summary: 'Every saved template', response: TemplateList },
  'PUT /api/templates/order-status/{statusId}': { tag: 'templates', summary: 'Save the template of one order status', body: TemplateBody, response: TemplateResponse },
  'PUT /api/templates/{kind}': { tag: 'templates', summary: 'Save the owner-new-order, back-in-stock or abandoned-cart template', body: TemplateBody, response: TemplateResponse },
  'GET /api/settings': { tag: 'settings', summary: 'Owner phone, quiet hours, consent and stale-message policy', response: Settings },
  'PUT /api/settings': { tag: 'settings', summary: 'Change any of the settings', body: SettingsBody, response: Settings },
  'GET /api/limits': { tag: 'settings', summary: 'Spend limits reached (and what they held back), the SMSAPI balance against the low-balance threshold', response: LimitsStateResponse },
  'GET /api/shop': { tag: 'shop', summary: 'Whether the install finished setting up (and why an attempt failed); webhook mode', response: ShopStateResponse },
  'POST /api/shop/setup': { tag: 'shop', summary: 'Start a failed or stuck setup again', body: ShopSetupRetryBody, response: ShopStateResponse, status: 202 },
  'GET /api/statuses': { tag: 'templates', summary: "The shop's order statuses and which send an SMS", response: StatusList },
  'GET /api/celebrations': { tag: 'celebrations', summary: 'Date-celebration rules, paged', query: CelebrationListQuery, response: CelebrationList },
  'POST /api/celebrations': { tag: 'celebrations', summary: 'Add a rule', body: CelebrationBody, response: CelebrationView, status: 201 },
  'PUT /api/celebrations/{id}': { tag: 'celebrations', summary: 'Edit a rule, or switch it off with {active:false}', body: CelebrationPatch, response: CelebrationView },
  'DELETE /api/celebrations/{id}': { tag: 'celebrations', summary: 'Delete a rule', response: Deleted },
  'GET /api/jobs': { tag: 'jobs', summary: 'Scheduled sends (state=scheduled), cancelled ones, or the whole message history', query: JobListQuery, response: JobList },
  'DELETE /api/jobs/{id}': { tag: 'jobs', summary: 'Cancel one scheduled send (its schedule is deleted)' },
  'POST /api/jobs/delete': { tag: 'jobs', summary: 'Cancel several scheduled sends', body: JobDeleteBody, response: JobsDeleted },
  'GET /api/smsapi': { tag: 'smsapi', summary: 'Connection state: login, points, ACTIVE sender names', response: SmsapiStateResponse },
  'PUT /api/smsapi': { tag: 'smsapi', summary: 'Paste an API token, choose the sender, replace special characters', body: SmsapiSettingsBody, response: SmsapiStateResponse },
  'DELETE /api/smsapi': { tag: 'smsapi', summary: 'Disconnect the SMSAPI account', response: SmsapiStateResponse },
  'GET /api/smsapi/oauth/start': { tag: 'smsapi', summary: "SMSAPI's authorize URL with a single-use state bound to this session", response: OAuthStartResponse },
  'GET /smsapi/oauth/callback': { tag: 'smsapi', summary: "SMSAPI's OAuth redirect: hands code and state back to the app window (connects nothing)", redirect: true },
  'POST /api/smsapi/oauth/complete': { tag: 'smsapi', summary: "Trade SMSAPI's code for tokens with this session's state", body: OAuthCompleteBody, response: SmsapiStateResponse },
  'POST /api/smsapi/test': { tag: 'smsapi', summary: 'Send the test SMS now', body: SmsapiTestBody, response: SmsapiTestResponse },
  'GET /api/errors': { tag: 'errors', summary: 'The error log, newest first, paged', query: ErrorsQuery, response: ErrorsResponse },
  'GET /api/stats': { tag: 'stats', summary: 'SMS sent per day/week/month, numbers collected, a 30-day series', response: StatsResponse },
  'GET /api/composer/longest-values': { tag: 'templates', summary: "The shop's own values at their longest (product, status and shipping names), for the composer's worst-case count", response: LongestValuesResponse },
  'GET /api/staff-alerts': { tag: 'settings', summary: 'Team numbers (up to 5) and the team alerts: new order above an amount, order cancelled, product out of stock', response: StaffAlertsResponse },
  'PUT /api/staff-alerts': { tag: 'settings', summary: 'Save the team numbers and alerts (mobile numbers only, amount >= 0, texts checked like templates)', body: StaffAlertsBody, response: StaffAlertsResponse },
  'GET /api/subscriptions': { tag: 'subscriptions', summary: 'Back-in-stock sign-ups', query: SubscriptionListQuery, response: SubscriptionListResponse },
  'POST /api/subscriptions/delete': { tag: 'subscriptions', summary: 'Delete several sign-ups', body: SubscriptionDeleteBody },
  'DELETE /api/subscriptions/{id}': { tag: 'subscriptions', summary: 'Delete one sign-up' },
  'GET /api/links': { tag: 'stats', summary: 'What the messages brought back: sent, clicked, orders and revenue per kind and period; opt-outs', response: LinksResponse },
  'GET /api/links/settings': { tag: 'settings', summary: 'Short links: base URL, opt-out line, attribution window', response: LinkSettings },
  'PUT /api/links/settings': { tag: 'settings', summary: 'Change the opt-out line or the attribution window', body: LinkSettingsBody, response: LinkSettings },
};

const schema = (s: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function queryParameters(query: z.ZodType) {
  const json = schema(query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }));
}

const pathParameters = (path: string) =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1]!, in: 'path', required: true, schema: { type: 'string' } }));

const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ADMIN_ROUTES) {
    const key = `${route.method} ${route.path}`;
    const doc = ROUTE_DOCS[key];
    if (!doc) throw new Error(`OPENAPI_ROUTE_UNDOCUMENTED: ${key} (add it to ROUTE_DOCS in scripts/openapi.ts)`);
    const success = doc.redirect
      ? { 302: { description: 'Redirect back to the admin app' } }
      : { [doc.status ?? 200]: { description: 'Success', ...(doc.response ? { content: { 'application/json': { schema: schema(doc.response, 'output') } } } : {}) } };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      tags: [doc.tag],
      summary: doc.summary,
      ...(route.public ? { security: [] } : {}),
      parameters: [...pathParameters(route.path), ...(doc.query ? queryParameters(doc.query) : [])],
      ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(doc.body, 'input') } } } } : {}),
      responses: {
        ...success,
        400: errorAnswer('Bad input: the code and the field say what to fix'),
        ...(route.public ? {} : { 401: errorAnswer('No or expired session'), 404: errorAnswer('Unknown (or another shop’s) resource') }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SMS notifications for Shoper — admin API',
      version: '1',
      description:
        'The API behind the admin app that opens in the Shoper admin panel. POST /api/session trades the signed iframe parameters for a token; every other route takes the shop from that token only. Errors are {"error":{"code","message","field?"}}.',
    },
    components: {
      securitySchemes: { session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: schema(ErrorResponse, 'output') },
    },
    security: [{ session: [] }],
    paths,
  };
}

export const OPENAPI_FILE = join(__dirname, '..', 'docs', 'openapi.json');
export const openApiText = () => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

if (require.main === module) {
  writeFileSync(OPENAPI_FILE, openApiText());
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
