// ESLint flat config for the NestJS monorepo (apps/web-portal is excluded: it gets its own config later).
// Deliberately NOT type-aware (no parserOptions.project): type-checking is `npm run typecheck`, and
// type-aware linting would more than double the lint time. Import boundaries are enforced by
// dependency-cruiser (.dependency-cruiser.cjs), not here.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SOURCE_FILES = ['apps/**/*.ts', 'libs/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'];
const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'];

// ARCHITECTURE.md habit 6: "Config is validated once, at startup, into types. Nothing else reads process.env."
const PROCESS_ENV_MESSAGE =
  'Read configuration from the typed AppConfig (libs/platform/src/config), not process.env.';
const PROCESS_ENV_BANS = [
  // process.env, process.env.X, process['env']
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: PROCESS_ENV_MESSAGE },
  { selector: "MemberExpression[object.name='process'][property.value='env']", message: PROCESS_ENV_MESSAGE },
  // globalThis.process.env
  {
    selector: "MemberExpression[property.name='env'][object.type='MemberExpression'][object.property.name='process']",
    message: PROCESS_ENV_MESSAGE,
  },
  // const { env } = process
  {
    selector: "VariableDeclarator[init.name='process'] > ObjectPattern > Property[key.name='env']",
    message: PROCESS_ENV_MESSAGE,
  },
];
// Add project-wide `no-restricted-syntax` entries here: the exceptions below keep them and drop only the
// process.env bans (a later flat-config entry replaces a rule's options, it does not merge them).
const RESTRICTED_SYNTAX = [];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    'apps/web-portal/',
    'coverage/',
    'test-artifacts/',
    'bench/results/',
  ]),

  {
    name: 'jiebang/typescript',
    files: SOURCE_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      'no-restricted-syntax': ['error', ...RESTRICTED_SYNTAX, ...PROCESS_ENV_BANS],
    },
  },

  {
    // The places allowed to read the environment: config loading, the CLI, tests and benchmarks.
    name: 'jiebang/process-env-allowed',
    files: ['libs/platform/src/config/**/*.ts', 'apps/cli/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-syntax': RESTRICTED_SYNTAX.length > 0 ? ['error', ...RESTRICTED_SYNTAX] : 'off',
    },
  },

  {
    // "Files over ~400 lines" are an anti-pattern in production code; tests may be longer.
    name: 'jiebang/file-size',
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
]);
