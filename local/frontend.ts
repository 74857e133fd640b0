// Builds the front end (admin SPA and storefront widget) into dist/frontend before the local server serves it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FRONTEND_DIST } from './static';

export async function buildFrontendIfPresent(): Promise<boolean> {
  const script = join(__dirname, '..', 'frontend', 'build.ts');
  if (!existsSync(script)) return false;
  const { buildFrontend } = (await import(script)) as { buildFrontend(outDir: string): Promise<void> };
  await buildFrontend(FRONTEND_DIST);
  return true;
}
