// House rules on imports (docs/architecture.md, "Layers and the rules that hold them"). `npm run check:deps` runs
// them over the whole code base; any violation fails it (and CI). There is no baseline of tolerated violations.
const PURE_FROM = '^functions/(domain|contracts)/';
const AWS_SDK = '^(node_modules/)?(@aws-sdk|@aws-lambda-powertools|@middy|aws-cdk-lib|aws-lambda)(/|$)';
const COMPOSITION_ROOTS = '^(functions/composition\\.ts|functions/aws/|local/composition\\.ts)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles: a cycle makes load order matter and the layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (also proves the #domain/*, #services/*… aliases are understood by this check).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'pure-no-io',
      severity: 'error',
      comment: 'Domain and contracts are pure: no Node I/O modules (node:crypto is allowed: hashing is computation).',
      from: { path: PURE_FROM },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?crypto$' },
    },
    {
      name: 'pure-no-outer-layers',
      severity: 'error',
      comment: 'Domain and contracts import no adapters, services, handlers, composition roots, local runtime, infra or tools.',
      from: { path: PURE_FROM },
      to: {
        path: '^(functions/(adapters|services|handlers|aws)/|functions/(composition|config)\\.ts|local/|lib/|bin/|frontend/|test/|bench/|scripts/|tools/)',
      },
    },
    {
      name: 'pure-no-aws',
      severity: 'error',
      comment: 'Domain and contracts know nothing of AWS (SDK, Powertools, middy, CDK).',
      from: { path: PURE_FROM },
      to: { path: AWS_SDK },
    },
    {
      name: 'contracts-only-zod-mini-and-pure-domain',
      severity: 'error',
      comment:
        'Route contracts import only zod/mini and pure domain modules, never planning code: the SPA, the widget and every Lambda read them, so what they pull in ships everywhere.',
      from: { path: '^functions/contracts/' },
      to: {
        pathNot:
          '^(functions/contracts/|functions/domain/(?!planning)[^/]+\\.ts$|(node_modules/)?zod/(mini|v4/(mini|core|locales)|locales)(/|$))',
      },
    },
    {
      name: 'contracts-no-classic-zod',
      severity: 'error',
      comment: 'Contracts use zod/mini (tree-shakes to what a bundle uses); classic zod would add ~95 KB to every bundle and the SPA.',
      from: { path: '^functions/contracts/' },
      to: { path: '^(node_modules/)?zod/(index|v4/classic|v4/index|v3)' },
    },
    {
      name: 'services-not-to-adapters',
      severity: 'error',
      comment: 'Services reach storage and the outside world through ports (services/ports.ts); only composition roots wire adapters in.',
      from: { path: '^functions/services/' },
      to: { path: '^(functions/(adapters|handlers|aws)/|functions/composition\\.ts|local/)' },
    },
    {
      name: 'handlers-not-to-adapters',
      severity: 'error',
      comment:
        'Handlers translate transport to use cases; they never build or import adapters or the local runtime (composition roots do).',
      from: { path: '^functions/handlers/' },
      to: { path: '^(functions/adapters/|local/)' },
    },
    {
      name: 'adapters-not-to-inner-entry-points',
      severity: 'error',
      comment: 'Adapters implement ports; they do not call handlers, composition roots or the local runtime.',
      from: { path: '^functions/adapters/' },
      to: { path: '^(functions/(handlers|aws)/|functions/composition\\.ts|local/)' },
    },
    {
      name: 'functions-not-to-dev-code',
      severity: 'error',
      comment: 'Lambda code ships alone: it imports no local runtime, infra, frontend, tests, bench or tools.',
      from: { path: '^functions/', pathNot: COMPOSITION_ROOTS },
      to: { path: '^(local/|lib/|bin/|frontend/|test/|bench/|scripts/|tools/)' },
    },
    {
      name: 'frontend-only-contracts-and-domain',
      severity: 'error',
      comment: 'The SPA and the widget import only their own code, contracts, pure domain and browser packages.',
      from: { path: '^frontend/(app|widget)/', pathNot: '^frontend/widget/build\\.ts$' },
      to: {
        pathNot: '^(frontend/(app|widget)/|functions/(domain|contracts)/|(node_modules/)?(preact|@preact|zod|libphonenumber-js)(/|$))',
      },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API; swc parses (tools/depcruise/register.mjs makes it read .tsx as TSX).
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk\\.out|dist|coverage)/' },
    // The #domain/*, #services/*, #adapters/*, #handlers/*, #config and #local/* aliases come from package.json
    // "imports", which enhanced-resolve reads; .ts files are named there with their extension.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
