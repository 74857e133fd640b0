// The house rules' own coverage: `npm run typecheck` (tsc --noEmit over tsconfig.json) must see every TypeScript file
// of the repository, so a new top-level directory of code cannot slip past the type check that jest (swc strips
// types) never does; and `npm run check` (what CI runs) keeps running the dependency rules, tsc and the linter.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SKIPPED = new Set(['node_modules', 'cdk.out', 'dist', '.git']);

function holdsTypeScript(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    if (entry.isDirectory() ? holdsTypeScript(join(dir, entry.name)) : /\.(ts|tsx|mts|cts)$/.test(entry.name)) return true;
  }
  return false;
}

describe('house rules', () => {
  it('tsconfig.json includes every top-level directory that holds TypeScript, and no file at the root is left out', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { include: string[]; files?: string[] };
    const top = readdirSync(ROOT, { withFileTypes: true });
    const codeDirs = top.filter((e) => e.isDirectory() && !SKIPPED.has(e.name) && holdsTypeScript(join(ROOT, e.name))).map((e) => e.name);
    expect(codeDirs.filter((dir) => !tsconfig.include.includes(dir))).toEqual([]);
    const rootFiles = top.filter((e) => e.isFile() && /\.(ts|tsx|mts|cts)$/.test(e.name)).map((e) => e.name);
    expect(rootFiles.filter((file) => !tsconfig.include.includes(file) && !tsconfig.files?.includes(file))).toEqual([]);
  });

  it('`npm run check` runs the dependency rules, the type check and the linter, and CI runs it', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const step of ['check:deps', 'typecheck', 'lint']) expect(scripts.check).toMatch(new RegExp(`npm run ${step}(\\s|$)`));
    expect(scripts.typecheck).toMatch(/^tsc --noEmit\b/);
    expect(scripts.lint).toMatch(/^biome (lint|check)\b/);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm run check$/m);
  });

  it('the linter treats unused imports, variables and parameters as errors', () => {
    const biome = readFileSync(join(ROOT, 'biome.jsonc'), 'utf8');
    for (const rule of ['noUnusedImports', 'noUnusedVariables', 'noUnusedFunctionParameters']) {
      expect(biome).toMatch(new RegExp(`"${rule}":\\s*"error"`));
    }
  });
});
