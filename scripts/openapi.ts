// The admin API's OpenAPI 3.1 document, generated from the route contracts (#contracts/admin): the same objects the
// router registers and the SPA calls, so every route is documented by construction. Writes docs/openapi.json
// (npx tsx --conditions=import scripts/openapi.ts); a unit test fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { ADMIN } from '#contracts/admin';
import type { RouteContract, Schema } from '#contracts/route';
import { ErrorResponse } from '#contracts/session';

const schema = (s: Schema, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function queryParameters(query: Schema) {
  const json = schema(query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

/** The contract's parameter schemas (a pattern, an enum) where it has them; a plain string otherwise. */
function pathParameters(route: RouteContract) {
  const declared = route.params ? ((schema(route.params, 'input') as { properties?: Record<string, unknown> }).properties ?? {}) : {};
  return [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1]!,
    in: 'path',
    required: true,
    schema: declared[m[1]!] ?? { type: 'string' },
  }));
}

const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of Object.values(ADMIN) as RouteContract[]) {
    const success = route.redirect
      ? { 302: { description: 'Redirect back to the admin app' } }
      : {
          [route.status ?? 200]: {
            description: 'Success',
            ...(route.response ? { content: { 'application/json': { schema: schema(route.response, 'output') } } } : {}),
          },
        };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      tags: [route.tag],
      summary: route.summary,
      ...(route.public ? { security: [] } : {}),
      parameters: [...pathParameters(route), ...(route.query ? queryParameters(route.query) : [])],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(route.body, 'input') } } } } : {}),
      responses: {
        ...success,
        400: errorAnswer('Bad input: the code and the field say what to fix'),
        ...(route.public ? {} : { 401: errorAnswer('No or expired session'), 404: errorAnswer('Unknown (or another shop’s) resource') }),
      },
      // The error codes this route may answer with (besides INTERNAL_ERROR), for clients that branch on them.
      ...(route.errors.length ? { 'x-error-codes': [...new Set(route.errors)].filter((code) => code !== 'INTERNAL_ERROR') } : {}),
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
