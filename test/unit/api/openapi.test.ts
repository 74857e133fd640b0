// The committed OpenAPI document is what the code declares: every admin route documented, nothing stale.
import { readFileSync } from 'node:fs';
import { ADMIN_ROUTES } from '#handlers/admin';
import { OPENAPI_FILE, ROUTE_DOCS, openApiText } from '../../../scripts/openapi';

test('every admin route has an OpenAPI entry, and every entry a route', () => {
  const routes = ADMIN_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
  expect(Object.keys(ROUTE_DOCS).sort()).toEqual(routes);
});

test('docs/openapi.json is up to date (regenerate: npx tsx --conditions=import scripts/openapi.ts)', () => {
  expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText());
});

test('request bodies are described with their constraints', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
  const template = doc.paths['/api/templates/{kind}'].put.requestBody.content['application/json'].schema;
  expect(template.properties.delayDays).toMatchObject({ type: 'integer', minimum: 0, maximum: 365 });
  expect(doc.paths['/api/session'].post.security).toEqual([]);
});
