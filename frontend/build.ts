// Builds the admin SPA (Preact + signals, esbuild) into `${outDir}/app/` and, when present, the storefront
// widget. CLI: `npx tsx frontend/build.ts <outDir>` (CDK and `npm start` call it).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
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
      errors: [
        { text: `${args.path}: the SPA may import only contracts and pure domain modules (#contracts/*, #domain/*), never server code` },
      ],
    }));
    b.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [
        {
          text: `${args.path} (imported by ${args.importer}): the browser has no Node built-ins; keep such code out of what the SPA imports`,
        },
      ],
    }));
  },
};

// The contracts use zod/mini (functions, not methods), which esbuild tree-shakes: the SPA pays only for the schema
// types and checks it uses, not for zod's locales and JSON-schema tooling.

/** A set of the SPA's JavaScript files: how many, their minified bytes, the sum of each file gzipped, what they hold. */
export interface JsFiles {
  files: string[];
  bytes: number;
  gzipBytes: number;
  /** Minified bytes by origin, largest first: npm packages by name, our code by folder. */
  parts: { name: string; bytes: number }[];
}

export interface FrontendBuildReport {
  /** What the first screen loads: app.js, the chunks it imports and the code of the tab the panel opens on. */
  firstScreen: JsFiles;
  /** Every JavaScript file of the SPA: the first screen plus each tab's code, fetched when the tab is first opened. */
  total: JsFiles;
  cssBytes: number;
}

/** The tab the panel opens on (App.tsx's default, "konto"): its code is part of the first screen. */
const FIRST_TAB_SOURCE = join(APP_SOURCE, 'tabs', 'SmsapiTab.tsx');

const partOf = (input: string) =>
  /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
  (input.includes('functions/domain/')
    ? 'functions/domain'
    : input.includes('functions/contracts/')
      ? 'functions/contracts'
      : 'frontend/app');

export async function buildFrontend(outDir: string): Promise<void> {
  const report = await buildAdminApp(outDir);
  const { firstScreen, total } = report;
  process.stdout.write(
    `admin SPA: first screen ${firstScreen.files.length} JS files ${kb(firstScreen.bytes)} (${kb(firstScreen.gzipBytes)} gzipped); ` +
      `all ${total.files.length} JS files ${kb(total.bytes)} (${kb(total.gzipBytes)} gzipped, budget ${kb(JS_BUDGET_GZIP_BYTES)}), ` +
      `app.css ${kb(report.cssBytes)}\n`,
  );
  if (total.gzipBytes > JS_BUDGET_GZIP_BYTES) {
    throw new Error(
      `FRONTEND_TOO_BIG: the SPA's JavaScript is ${kb(total.gzipBytes)} gzipped, over the ${kb(JS_BUDGET_GZIP_BYTES)} budget`,
    );
  }
  const widgetBuild = join(__dirname, 'widget', 'build.ts');
  if (existsSync(widgetBuild)) {
    // A computed path: the storefront engineer's module may not exist yet when this file is type-checked.
    const widget = (await import(widgetBuild)) as { buildWidget(outDir: string): Promise<void> };
    await widget.buildWidget(outDir);
  }
}

/**
 * The SPA alone under `${outDir}/app`: app.js (the entry, an ES module), one file per tab and the chunks they share
 * (`[name]-[hash].js`, so a new deployment never mixes with files a browser still caches), app.css and index.html,
 * which preloads the chunks app.js imports. Older `*.js` files left in that folder by earlier builds are removed.
 */
export async function buildAdminApp(outDir: string): Promise<FrontendBuildReport> {
  const target = join(resolve(outDir), 'app');
  mkdirSync(target, { recursive: true });
  const result = await build({
    entryPoints: { app: join(APP_SOURCE, 'main.tsx') },
    absWorkingDir: ROOT,
    outdir: target,
    bundle: true,
    minify: true,
    // ES modules with splitting: each tab's dynamic import() becomes its own file, code shared between them a chunk.
    format: 'esm',
    splitting: true,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
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
  const outputs = new Map(Object.entries(result.metafile.outputs).map(([file, output]) => [resolve(ROOT, file), output]));
  const entry = join(target, 'app.js');
  const firstTab = [...outputs].find(([, o]) => o.entryPoint !== undefined && resolve(ROOT, o.entryPoint) === FIRST_TAB_SOURCE)?.[0];
  if (!firstTab) {
    throw new Error(`frontend/build.ts: no output holds ${FIRST_TAB_SOURCE}; set FIRST_TAB_SOURCE to the tab App.tsx opens on`);
  }
  // Files a script loads before it runs: its static imports, transitively.
  const withImports = (roots: string[]) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of outputs.get(file)?.imports ?? []) if (i.kind === 'import-statement') visit(resolve(ROOT, i.path));
    };
    roots.forEach(visit);
    return [...seen];
  };
  const jsFiles = (files: string[]): JsFiles => {
    const parts = new Map<string, number>();
    let bytes = 0;
    let gzipBytes = 0;
    for (const file of files) {
      const content = readFileSync(file);
      bytes += content.length;
      gzipBytes += gzipSync(content, { level: 9 }).length;
      for (const [input, { bytesInOutput }] of Object.entries(outputs.get(file)!.inputs)) {
        parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + bytesInOutput);
      }
    }
    return {
      files: files.map((f) => relative(target, f)),
      bytes,
      gzipBytes,
      parts: [...parts].map(([name, b]) => ({ name, bytes: b })).sort((a, b) => b.bytes - a.bytes),
    };
  };
  const allJs = [...outputs.keys()].filter((f) => f.endsWith('.js'));
  const entryImports = withImports([entry]).filter((f) => f !== entry);

  // index.html: the chunks app.js imports are fetched alongside it rather than after it has been parsed.
  const preloads = entryImports.map((f) => `<link rel="modulepreload" href="/app/${relative(target, f)}" />`).join('\n    ');
  const html = readFileSync(join(APP_SOURCE, 'index.html'), 'utf8');
  const script = '<script type="module" src="/app/app.js"></script>';
  if (!html.includes(script)) throw new Error(`frontend/app/index.html must load the app with ${script}`);
  writeFileSync(join(target, 'index.html'), html.replace(script, preloads ? `${preloads}\n    ${script}` : script));
  for (const file of readdirSync(target)) {
    if (file.endsWith('.js') && !outputs.has(join(target, file))) rmSync(join(target, file));
  }
  return {
    firstScreen: jsFiles(withImports([entry, firstTab])),
    total: jsFiles(allJs),
    cssBytes: readFileSync(join(target, 'app.css')).length,
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
