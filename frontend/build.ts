// Builds the admin SPA (Preact + signals, esbuild) into `${outDir}/app/` and, when present, the storefront
// widget. CLI: `npx tsx frontend/build.ts <outDir>` (CDK and `npm start` call it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(__dirname, '..');
const APP_SOURCE = join(__dirname, 'app');
/** The budget for the SPA's JavaScript, gzipped. */
export const JS_BUDGET_GZIP_BYTES = 100 * 1024;

// The backend's pure modules are imported as `#domain/x` and `#contracts/x` (package.json "imports"); map them
// explicitly so the bundle resolves the same files the Lambdas use, whatever esbuild's own support for subpath
// imports. Neither may reach a Node built-in (the dependency rules say so too): the build fails if one does.
const domainAlias: Plugin = {
  name: 'domain-alias',
  setup(b) {
    b.onResolve({ filter: /^#(domain|contracts)\// }, (args) => {
      const [, layer, name] = /^#(domain|contracts)\/(.+)$/.exec(args.path)!;
      return { path: join(ROOT, 'functions', layer!, `${name}.ts`) };
    });
    b.onResolve({ filter: /^#(services|adapters|handlers|config|local)\b/ }, (args) => ({
      errors: [{ text: `${args.path}: the SPA may import only contracts and pure domain modules (#contracts/*, #domain/*), never server code` }],
    }));
    b.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `${args.path} (imported by ${args.importer}): the browser has no Node built-ins; keep such code out of what the SPA imports` }],
    }));
  },
};

// The contracts use zod/mini (functions, not methods), which esbuild tree-shakes: the SPA pays only for the schema
// types and checks it uses, not for zod's locales and JSON-schema tooling.

export interface FrontendBuildReport {
  jsBytes: number;
  jsGzipBytes: number;
  cssBytes: number;
  /** What app.js is made of (minified bytes), largest first: npm packages by name, our code by folder. */
  parts: { name: string; bytes: number }[];
}

const partOf = (input: string) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? (input.includes('functions/domain/') ? 'functions/domain' : input.includes('functions/contracts/') ? 'functions/contracts' : 'frontend/app');

export async function buildFrontend(outDir: string): Promise<void> {
  const report = await buildAdminApp(outDir);
  process.stdout.write(
    `admin SPA: app.js ${kb(report.jsBytes)} (${kb(report.jsGzipBytes)} gzipped, budget ${kb(JS_BUDGET_GZIP_BYTES)}), app.css ${kb(report.cssBytes)}\n`,
  );
  if (report.jsGzipBytes > JS_BUDGET_GZIP_BYTES) {
    throw new Error(`FRONTEND_TOO_BIG: app.js is ${kb(report.jsGzipBytes)} gzipped, over the ${kb(JS_BUDGET_GZIP_BYTES)} budget`);
  }
  const widgetBuild = join(__dirname, 'widget', 'build.ts');
  if (existsSync(widgetBuild)) {
    // A computed path: the storefront engineer's module may not exist yet when this file is type-checked.
    const widget = (await import(widgetBuild)) as { buildWidget(outDir: string): Promise<void> };
    await widget.buildWidget(outDir);
  }
}

/** The SPA alone: app.js, app.css and index.html under `${outDir}/app`. */
export async function buildAdminApp(outDir: string): Promise<FrontendBuildReport> {
  const target = join(resolve(outDir), 'app');
  mkdirSync(target, { recursive: true });
  const result = await build({
    entryPoints: { app: join(APP_SOURCE, 'main.tsx') },
    outdir: target,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    sourcemap: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'css' },
    plugins: [domainAlias],
    logLevel: 'warning',
    metafile: true,
  });
  const parts = new Map<string, number>();
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
  }
  writeFileSync(join(target, 'index.html'), readFileSync(join(APP_SOURCE, 'index.html')));
  const js = readFileSync(join(target, 'app.js'));
  const css = readFileSync(join(target, 'app.css'));
  return {
    jsBytes: js.length,
    jsGzipBytes: gzipSync(js, { level: 9 }).length,
    cssBytes: css.length,
    parts: [...parts].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (require.main === module) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('usage: npx tsx frontend/build.ts <outDir>\n');
    process.exit(2);
  }
  buildFrontend(outDir).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
