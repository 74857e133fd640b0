// The committed OpenAPI document is what the code declares: every admin route documented, nothing stale.
import { readFileSync } from 'node:fs';
import { ADMIN } from '#contracts/admin';
import { ADMIN_ROUTES } from '#handlers/admin';
import { OPENAPI_FILE, openApiText } from '../../../scripts/openapi';

test('the router registers exactly the contracts, and the document has an entry for each', () => {
  const contracts = Object.values(ADMIN)
    .map((c) => `${c.method} ${c.path}`)
    .sort();
  expect(ADMIN_ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(contracts);
  expect(new Set(ADMIN_ROUTES.map((r) => r.contract)).size).toBe(contracts.length);
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  expect(documented.sort()).toEqual(contracts);
});

test('docs/openapi.json is up to date (regenerate: npx tsx --conditions=import scripts/openapi.ts)', () => {
  expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText());
});

test('request bodies are described with their constraints', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
  const template = doc.paths['/api/templates/{kind}'].put.requestBody.content['application/json'].schema;
  expect(template.properties.delayDays).toMatchObject({ type: 'integer', minimum: 0, maximum: 365 });
  expect(doc.paths['/api/session'].post.security).toEqual([]);
  // Path parameters carry the contract's own constraints, and each route lists the error codes it may answer.
  expect(doc.paths['/api/templates/{kind}'].put.parameters[0].schema.enum).toEqual(['owner-new-order', 'back-in-stock', 'abandoned-cart']);
  expect(doc.paths['/api/jobs/{id}'].delete['x-error-codes']).toEqual(expect.arrayContaining(['JOB_NOT_FOUND', 'SESSION_INVALID']));
});
