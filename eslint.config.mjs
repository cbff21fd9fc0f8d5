// ESLint 9 flat config.
//   force-app LWC (JavaScript)      → Salesforce's recommended LWC config (@salesforce/eslint-config-lwc)
//   softphone UI LWC (TypeScript)   → the LWC plugin's platform rules on top of typescript-eslint
//   TypeScript (engine, harness, scripts) → typescript-eslint recommended + strict rules
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lwcPlugin from '@lwc/eslint-plugin-lwc';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lwcConfig = require('@salesforce/eslint-config-lwc');

const scoped = (configs, files) => configs.map((config) => ({ ...config, files }));

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      '.sf/**',
      '.sfdx/**',
      'test-results/**',
      'tmp/**',
      'scripts/verify/__fixtures__/**',
      'scripts/bench/.cache/**',
      'force-app/main/default/staticresources/**',
      '**/*.d.ts',
    ],
  },
  ...scoped(lwcConfig.configs.recommended, ['force-app/**/lwc/**/*.js']),
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    // Tests drive wire adapters directly (`getRecord.emit(...)`, the sfdx-lwc-jest test adapters), as lwc-recipes does.
    rules: { '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off' },
  },
  ...scoped([js.configs.recommended, ...tseslint.configs.recommended, ...tseslint.configs.stylistic], ['**/*.ts']),
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // A literal forced to a type through `unknown` (`{ harness, context } as unknown as SoftphoneWorld`) builds a value
    // that lacks what the type promises, and the type check stops looking: a helper broken by a change elsewhere then
    // fails only when the code runs. It hid a broken bench helper (scripts/bench is not run by `npm test`), so it is an
    // error in every TypeScript file but tests (a test runs its casts, so a wrong one fails there). Build the value with
    // its type, or type the parameter as what the callee reads. Known-bad sample: scripts/verify/__fixtures__/ts.
    files: ['scripts/**/*.ts', 'cti-adapter/**/*.ts'],
    ignores: [
      '**/__tests__/**',
      '**/*.test.ts',
      // Allowed (reason): the org stand-in's refusal envelopes (`ok: false`, `error`, `fieldErrors`) are returned as
      // the method's `Envelope` type, whose shape is the success one; the stand-in is product code outside the
      // pipeline change that added this rule, left for its owner to type (a union of both shapes).
      'cti-adapter/harness/org-stand-in/lightning-controllers.ts',
      // Allowed (reason): the follower tab's controller is filled right after, one member per name of TAB_COMMANDS
      // (the controller's whole surface), so the literal is intentionally empty at the cast.
      'cti-adapter/src/app/tabs/follower-tab.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "TSAsExpression[typeAnnotation.type!='TSUnknownKeyword'] > TSAsExpression.expression[typeAnnotation.type='TSUnknownKeyword'] > :matches(ObjectExpression, ArrayExpression).expression",
          message:
            'A literal cast through unknown hides the members it lacks from the type check: build it with its type (or type the parameter as what is read).',
        },
      ],
    },
  },
  {
    // ADR 0001: the telephony core imports neither Open CTI, the browser SDKs, LWC nor the Salesforce client.
    files: ['cti-adapter/src/core/**/*.ts'],
    ignores: ['cti-adapter/src/core/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@ringcentral/*', 'ringcentral-web-phone', 'lwc', '@lwc/*'],
              message: 'core is host-independent (ADR 0001)',
            },
            {
              group: [
                '**/opencti/**',
                '**/salesforce/**',
                '**/ringcentral/**',
                '**/ui/**',
                '**/app/**',
                '**/harness/**',
              ],
              message: 'core is host-independent (ADR 0001)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['cti-adapter/src/ui/**/*.ts'],
    plugins: { '@lwc/lwc': lwcPlugin },
    rules: {
      '@lwc/lwc/no-api-reassignments': 'error',
      '@lwc/lwc/no-document-query': 'error',
      '@lwc/lwc/no-inner-html': 'error',
      '@lwc/lwc/no-leading-uppercase-api-name': 'error',
      '@lwc/lwc/valid-api': 'error',
      '@lwc/lwc/no-async-operation': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ignores: ['force-app/**'],
    ...js.configs.recommended,
    languageOptions: { globals: { ...globals.node, ...globals.browser }, ecmaVersion: 2022 },
  },
);
