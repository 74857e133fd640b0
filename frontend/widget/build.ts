// Bundles the storefront widget into one small file, `${outDir}/widget/sms-widget.js` (called by
// frontend/build.ts; the local server serves dist/frontend/widget/*, CloudFront does in AWS).
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** What the merchant's shop downloads on every page: kept small on purpose. */
export const WIDGET_BUDGET_BYTES = 15 * 1024;

export async function buildWidget(outDir: string): Promise<void> {
  const target = join(resolve(outDir), 'widget');
  mkdirSync(target, { recursive: true });
  const outfile = join(target, 'sms-widget.js');
  await build({
    entryPoints: [join(__dirname, 'sms-widget.ts')],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2018',
    platform: 'browser',
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'silent',
  });
  const size = statSync(outfile).size;
  if (size > WIDGET_BUDGET_BYTES) {
    throw new Error(`WIDGET_TOO_BIG: sms-widget.js is ${size} bytes, over the ${WIDGET_BUDGET_BYTES} budget`);
  }
}
