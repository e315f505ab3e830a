/**
 * One Jest run for the three test sizes (ARCHITECTURE.md "Tests at three sizes"):
 *  - small  `*.spec.ts`      pure and service tests beside the code, no I/O;
 *  - medium `*.int-spec.ts`  repositories and services against real Postgres (a database per file);
 *  - large  `test/e2e/*.e2e-spec.ts` the real apps over HTTP with the real worker and Redis.
 * TypeScript is compiled by SWC (type-checking is `npm run typecheck`).
 */
const swc = JSON.parse(require('fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/apps/web-portal/', '/test/faults/'],
  // NestJS 12 ships ESM only; Jest on Node 20 cannot require() ESM, so SWC compiles those packages to CommonJS.
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uid|file-type|strtok3|token-types|peek-readable|@tokenizer|load-esm)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@jiebang/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
