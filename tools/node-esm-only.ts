// For Node scripts run with plain `npx tsx` (the screenshot script): middy publishes only an "import" export
// condition, which CommonJS resolution does not match; map it to its files, as jest's moduleNameMapper does.
// (`tsx --conditions=import` would do it too, but it breaks playwright-core's own loading.) Import this first.
import Module from 'node:module';
import { join } from 'node:path';

const MIDDY = /^@middy\/(core|http-router|util)$/;
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = resolver._resolveFilename;
resolver._resolveFilename = function resolveEsmOnly(this: unknown, request: string, ...rest: unknown[]) {
  const middy = MIDDY.exec(request);
  if (middy) return join(__dirname, '..', 'node_modules', '@middy', middy[1]!, 'index.js');
  return original.call(this, request, ...rest);
};
