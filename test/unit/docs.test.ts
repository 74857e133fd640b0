// The documentation check: what README.md, CHANGELOG.md and docs/*.md tell a reader to open, run or set must exist.
// Relative links resolve to files of the repository, `npm …` commands name real scripts (or npm's own commands), and
// environment names presented as settings are read by functions/config.ts (or are one of the local/test/bench names).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Every document the check covers, as paths relative to the repository root. */
function documents(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', 'CHANGELOG.md', ...docs].filter((path) => existsSync(join(root, path)));
}

const FENCE = /^```[^\n]*\n[\s\S]*?^```[ \t]*$/gm;
const INLINE_CODE = /`([^`\n]+)`/g;

/** Markdown links and images outside code: `[text](target)`, `![alt](target)`. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(FENCE, '').replace(INLINE_CODE, '');
  const targets: string[] = [];
  for (const match of prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue; // https:, mailto:, in-page anchors
    targets.push(target);
  }
  return targets;
}

/** Links whose file (anchor and query dropped) does not exist, resolved from the document's own folder. */
function brokenLinks(root: string, path: string, markdown: string): string[] {
  return relativeLinks(markdown).filter((target) => {
    const file = decodeURIComponent(target.replace(/[#?].*$/, ''));
    return !existsSync(resolve(root, dirname(path), file));
  });
}

/** GitHub's anchor of a heading: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** `#anchor`s (in-page, or into another Markdown file) that name no heading of their document. */
function brokenAnchors(root: string, path: string, markdown: string): string[] {
  const prose = markdown.replace(FENCE, '');
  const anchorsOf = (text: string) =>
    new Set(
      text
        .replace(FENCE, '')
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => slug(l.replace(/^#+ /, ''))),
    );
  const broken: string[] = [];
  for (const match of prose.matchAll(/\]\(\s*([^)\s]*)#([^)\s]+)\)/g)) {
    const [, file = '', anchor = ''] = match;
    if (/^[a-z][a-z0-9+.-]*:/i.test(file) || (file && !file.endsWith('.md'))) continue;
    const target = file ? resolve(root, dirname(path), decodeURIComponent(file)) : join(root, path);
    if (!existsSync(target)) continue; // reported as a broken link
    if (!anchorsOf(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor))) broken.push(`${file}#${anchor}`);
  }
  return broken;
}

/** The code a reader would type: fenced blocks and inline code spans. */
function codeOf(markdown: string): string {
  const blocks = [...markdown.matchAll(FENCE)].map((m) => m[0]);
  const spans = [...markdown.replace(FENCE, '').matchAll(INLINE_CODE)].map((m) => m[1] ?? '');
  return [...blocks, ...spans].join('\n');
}

// npm's own commands a document may name (`npm install`, `npm ci`…); `npm test`/`npm start` must still be scripts.
const NPM_BUILT_INS = new Set([
  'install',
  'i',
  'ci',
  'exec',
  'init',
  'ls',
  'update',
  'outdated',
  'audit',
  'pack',
  'version',
  'uninstall',
  'config',
  'help',
  'cache',
  'rebuild',
  'prune',
  'explain',
  'why',
  'view',
  'doctor',
]);
const NPM_SCRIPT_ALIASES = new Set(['test', 'start', 'stop', 'restart']);

/** `npm run x` naming no script, and `npm x` that is neither a script alias with a script nor an npm command. */
function unknownNpmCommands(markdown: string, scripts: Record<string, string>): string[] {
  const unknown: string[] = [];
  for (const match of codeOf(markdown).matchAll(/(?<![\w-])npm\s+(run(?:-script)?\s+)?([a-z][\w:.-]*)/g)) {
    const [, run, name = ''] = match;
    const known = run || NPM_SCRIPT_ALIASES.has(name) ? name in scripts : NPM_BUILT_INS.has(name);
    if (!known) unknown.push(`npm ${run ?? ''}${name}`);
  }
  return unknown;
}

const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^PORT$/;

/** Settings the app does not read but the local runtime, the tests or the bench do (local/start.ts, test/support, bench). */
const LOCAL_ONLY = new Set([
  'PORT',
  'SHOP_SIMULATOR_PORT',
  'SMSAPI_SIMULATOR_PORT',
  'DYNAMODB_LOCAL_PORT',
  'DYNAMODB_ENDPOINT',
  'LOCAL_DATA_DIR',
  'QUIET',
  'CHROMIUM_PATH',
  'PLAYWRIGHT_BROWSERS_PATH',
  'LOAD_SHOPS',
]);
const LOCAL_ONLY_PREFIXES = ['BENCH_', 'AWS_'];

/**
 * Environment names a document presents as settings: the first cell of a table headed `name`, `variable` or
 * `setting`, and every `NAME=value` in code. Error codes and item keys (also UPPER_SNAKE) are not settings.
 */
function settingNames(markdown: string): string[] {
  const names: string[] = [];
  let settingsTable = false;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      settingsTable = false;
      continue;
    }
    const firstCell = line.split('|')[1]?.trim() ?? '';
    if (/^(name|variable|setting|environment)$/i.test(firstCell)) settingsTable = true;
    else if (settingsTable) for (const m of firstCell.matchAll(/`([^`]+)`/g)) if (ENV_NAME.test(m[1] ?? '')) names.push(m[1] ?? '');
  }
  for (const m of codeOf(markdown).matchAll(/(?<![\w.$])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)=/g))
    if (ENV_NAME.test(m[1] ?? '')) names.push(m[1] ?? '');
  return names;
}

/** The names functions/config.ts reads: the keys of its environment schema, written `  NAME:` or `'NAME'`. */
function configNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/^\s+([A-Z][A-Z0-9_]+)\s*:|'([A-Z][A-Z0-9_]+)'/gm)) names.add(m[1] ?? m[2] ?? '');
  return names;
}

function unknownSettings(markdown: string, config: Set<string>): string[] {
  return settingNames(markdown).filter(
    (name) => !config.has(name) && !LOCAL_ONLY.has(name) && !LOCAL_ONLY_PREFIXES.some((prefix) => name.startsWith(prefix)),
  );
}

/** Every text file of the code base, so a name a document mentions in passing can be found somewhere. */
function sourceText(root: string): string {
  const parts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|tsx|js|mjs|cjs|json)$/.test(name) && path !== __filename) parts.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of ['functions', 'lib', 'local', 'bin', 'bench', 'test', 'tools', 'scripts', 'frontend']) walk(join(root, dir));
  parts.push(readFileSync(join(root, 'package.json'), 'utf8'), readFileSync(join(root, 'jest.config.js'), 'utf8'));
  return parts.join('\n');
}

/** Inline-code names shaped like env settings that appear nowhere in the code base (e.g. a setting since renamed). */
function namesNowhereInCode(markdown: string, source: string): string[] {
  const missing: string[] = [];
  for (const m of markdown.matchAll(INLINE_CODE)) {
    const name = m[1] ?? '';
    if (ENV_NAME.test(name) && /_/.test(name) && !source.includes(name)) missing.push(name);
  }
  return missing;
}

describe('the documentation', () => {
  const paths = documents(ROOT);
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const config = configNames(readFileSync(join(ROOT, 'functions/config.ts'), 'utf8'));
  const source = sourceText(ROOT);

  it('covers the README, the changelog and every page under docs/, and the README stays short', () => {
    expect(paths).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'docs/operator.md', 'docs/merchant-guide.pl.md']));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(200);
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
    const linked = relativeLinks(readme).map((target) => relative(ROOT, resolve(ROOT, target.replace(/#.*$/, ''))));
    for (const path of paths.filter((p) => p !== 'README.md')) expect(linked).toContain(path);
  });

  it.each(paths)('%s: every relative link resolves to a file', (path) => {
    expect(brokenLinks(ROOT, path, readFileSync(join(ROOT, path), 'utf8'))).toEqual([]);
  });

  it.each(paths)('%s: every #anchor into a Markdown document names one of its headings', (path) => {
    expect(brokenAnchors(ROOT, path, readFileSync(join(ROOT, path), 'utf8'))).toEqual([]);
  });

  it.each(paths)('%s: every npm command exists', (path) => {
    expect(unknownNpmCommands(readFileSync(join(ROOT, path), 'utf8'), scripts)).toEqual([]);
  });

  it.each(paths)('%s: every environment setting is read by functions/config.ts (or is a local/test name)', (path) => {
    expect(unknownSettings(readFileSync(join(ROOT, path), 'utf8'), config)).toEqual([]);
  });

  it.each(paths)('%s: every setting-like name in code spans exists in the code base', (path) => {
    expect(namesNowhereInCode(readFileSync(join(ROOT, path), 'utf8'), source)).toEqual([]);
  });

  it('catches what it claims to catch', () => {
    const doc = [
      'See [the guide](docs/nope.md) and [ok](README.md#quick-start), ![x](docs/screenshots/konto.png), [web](https://x.pl).',
      '```bash',
      'npm run no-such-script && npm test && npm install',
      'NOT_A_SETTING=1 npm start',
      '```',
      '| name | default |',
      '| --- | --- |',
      '| `PUBLIC_URL`, `MADE_UP_URL` | x |',
      '',
      '| code | meaning |',
      '| --- | --- |',
      '| `PHONE_INVALID` | an error code, not a setting |',
    ].join('\n');
    expect(brokenLinks(ROOT, 'README.md', doc)).toEqual(['docs/nope.md']);
    expect(
      brokenAnchors(ROOT, 'README.md', `${doc}\n[a](docs/operator.md#no-such-heading) [b](docs/operator.md#alarms-and-what-to-do)`),
    ).toEqual(['README.md#quick-start'.replace('README.md#quick-start', 'docs/operator.md#no-such-heading')]);
    expect(unknownNpmCommands(doc, scripts)).toEqual(['npm run no-such-script']);
    expect(unknownSettings(doc, config)).toEqual(['MADE_UP_URL', 'NOT_A_SETTING']);
    expect(namesNowhereInCode('`ORIGIN_SECRET_HEADER_NAME` and `PUBLIC_URL`', source)).toEqual(['ORIGIN_SECRET_HEADER_NAME']);
  });
});
