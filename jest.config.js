// @ts-check
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

// Every folder with tests: each library, deployable and composition root, the e2e suites, deploy/.
const grouped = ['packages', 'subgraphs', 'apps', 'internal'].flatMap((group) => readdirSync(join(__dirname, group)).map((name) => join(group, name)));
const withTests = [...grouped, 'gateway', 'schema', 'deploy'].filter((dir) => existsSync(join(__dirname, dir, 'test')));

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }];
const project = { transform: { '^.+\\.(t|j)sx?$': swc }, testEnvironment: 'node' };

// Tests that need PostgreSQL or Redis are named *.int.test.ts (one service) or *.e2e.test.ts (the
// whole platform); only their projects run the global setup that finds (or starts) PostgreSQL, so a
// unit test never needs a database. Jest runs a project's global setup only when it has tests to run.
const SERVICE_TESTS = ['**/*.int.test.ts', '**/*.e2e.test.ts'];
const setup = {
  globalSetup: join(__dirname, 'internal/testing/src/global-setup.ts'),
  globalTeardown: join(__dirname, 'internal/testing/src/global-teardown.ts'),
};

/** @param {string} dir */
function projectsOf(dir) {
  const rootDir = join(__dirname, dir);
  const testsDir = dir === 'e2e' ? '<rootDir>' : '<rootDir>/test';
  return [
    {
      ...project,
      displayName: dir,
      rootDir,
      testMatch: [`${testsDir}/**/*.test.ts`],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '\\.e2e\\.test\\.ts$', '/node_modules/'],
    },
    { ...project, ...setup, displayName: `${dir} (services)`, rootDir, testMatch: SERVICE_TESTS.map((glob) => `${testsDir}/${glob}`) },
  ];
}

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  projects: [...withTests, 'e2e'].flatMap(projectsOf),
};
