// @ts-check
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

// One jest project per workspace package that has a test/ folder.
const roots = ['packages', 'subgraphs'].flatMap((group) => readdirSync(join(__dirname, group)).map((name) => join(group, name)));
const packages = [...roots, 'gateway', 'schema'].filter((dir) => existsSync(join(__dirname, dir, 'test')));

const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }];

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/packages/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testing/src/global-teardown.ts',
  testTimeout: 60_000,
  transform: { '^.+\\.(t|j)sx?$': swc },
  projects: packages.map((dir) => ({
    displayName: dir,
    rootDir: join(__dirname, dir),
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: { '^.+\\.(t|j)sx?$': swc },
    testEnvironment: 'node',
  })),
};
