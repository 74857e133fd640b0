// Two projects: fast pure unit tests, and everything that needs DynamoDB Local, simulators or a browser.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        target: 'es2023',
        transform: { react: { runtime: 'automatic', importSource: 'preact' } },
      },
      module: { type: 'commonjs' },
    },
  ],
};
// ESM-only packages are compiled to CommonJS for jest.
const transformIgnorePatterns = ['/node_modules/(?!(jose|@middy|preact|@preact)/)'];
const moduleNameMapper = {
  '^#domain/(.*)$': '<rootDir>/functions/domain/$1',
  '^#contracts/(.*)$': '<rootDir>/functions/contracts/$1',
  '^#services/(.*)$': '<rootDir>/functions/services/$1',
  '^#adapters/(.*)$': '<rootDir>/functions/adapters/$1',
  '^#handlers/(.*)$': '<rootDir>/functions/handlers/$1',
  '^#config$': '<rootDir>/functions/config',
  '^#local/(.*)$': '<rootDir>/local/$1',
  // middy publishes only an "import" export condition; point jest (CommonJS) at the files directly.
  '^@middy/(core|http-router|util)$': '<rootDir>/node_modules/@middy/$1/index.js',
};
const common = { transform, transformIgnorePatterns, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // Integration hooks and tests start whole runtimes (DynamoDB Local, simulators, Chromium) and make dozens of HTTP
  // calls: with two suites side by side on a small machine, jest's 5 s default is too short to mean anything. A
  // global option: jest ignores testTimeout inside a project.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/test/integration/**/*.test.ts',
        '<rootDir>/test/infra/**/*.test.ts',
        '<rootDir>/test/e2e/**/*.test.ts',
        '<rootDir>/test/load/**/*.test.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
