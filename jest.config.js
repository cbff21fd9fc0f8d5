// One Jest configuration, five projects (select with `--selectProjects <name>`):
//   engine  TypeScript unit tests of the softphone engine and the harness (Node, fake timers allowed)
//   checks  self-tests of the offline verification pipeline (known-bad samples must be caught)
//   ui      softphone UI components (LWC OSS in TypeScript) with @lwc/jest-preset
//   lwc     Lightning web components of the package (force-app), through @salesforce/sfdx-lwc-jest
//   e2e     end-to-end tests in headless Chromium (Playwright) against the local harness
const { jestConfig: lwcJestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const typescript = {
  transform: { '^.+\\.[cm]?[jt]s$': 'babel-jest' },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    {
      ...typescript,
      displayName: 'engine',
      roots: ['<rootDir>/cti-adapter'],
      // Lets the engine's idle-time work (the log builder's lazy chunk) finish before a test file's environment goes.
      setupFilesAfterEnv: ['<rootDir>/cti-adapter/src/core/__tests__/support/idle-work-setup.ts'],
      testMatch: ['**/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$', '/cti-adapter/src/ui/softphone/'],
      setupFiles: [
        '<rootDir>/cti-adapter/src/ui/__tests__/support/english-labels.ts',
        '<rootDir>/cti-adapter/src/core/__tests__/support/phone-formats-loaded.ts',
      ],
    },
    {
      // Softphone UI components (LWC OSS, TypeScript, light DOM), compiled like the bundle by the LWC compiler.
      ...require('@lwc/jest-preset'),
      displayName: 'ui',
      roots: ['<rootDir>/cti-adapter/src/ui/softphone'],
      testMatch: ['**/__tests__/**/*.test.ts'],
      moduleNameMapper: { '^softphone/(\\w+)$': '<rootDir>/cti-adapter/src/ui/softphone/$1/$1' },
      setupFiles: [
        '<rootDir>/cti-adapter/src/ui/__tests__/support/english-labels.ts',
        '<rootDir>/cti-adapter/src/core/__tests__/support/phone-formats-loaded.ts',
      ],
    },
    {
      ...typescript,
      displayName: 'checks',
      roots: ['<rootDir>/scripts'],
      testMatch: ['**/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/__fixtures__/'],
    },
    {
      ...lwcJestConfig,
      displayName: 'lwc',
      roots: ['<rootDir>/force-app'],
      // `@salesforce/label/c.<Name>` → the Custom Label's English master value (as for an en_US user).
      setupFiles: ['<rootDir>/scripts/jest/lwc-labels-setup.ts'],
      testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
    },
    {
      ...typescript,
      displayName: 'e2e',
      roots: ['<rootDir>/cti-adapter'],
      testMatch: ['**/*.e2e.test.ts'],
      // Builds the bundle and the Lightning host once, before the first spec (each spec then finds them current).
      globalSetup: '<rootDir>/cti-adapter/e2e/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/cti-adapter/e2e/support/retry-in-ci.ts'],
    },
  ],
};
