/**
 * One Jest run for the three test sizes (ARCHITECTURE.md "Tests at three sizes"):
 *  - small  `*.spec.ts`      pure and service tests beside the code, no I/O;
 *  - medium `*.int-spec.ts`  repositories and services against real Postgres (a database per file);
 *  - large  `test/e2e/*.e2e-spec.ts` the real apps over HTTP with the real worker and Redis.
 * TypeScript is compiled by SWC (type-checking is `npm run typecheck`).
 */
const fs = require('fs');
const path = require('path');

const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;

/**
 * NestJS 12 and some of its dependencies ship ESM only. Node 20.19+ can require() them, but Jest on Node 20
 * cannot, so SWC compiles every top-level package marked `"type": "module"` to CommonJS.
 */
function esmPackages() {
  const root = path.join(__dirname, 'node_modules');
  const names = [];
  const isEsm = (dir) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).type === 'module';
    } catch {
      return false;
    }
  };
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      for (const sub of fs.readdirSync(path.join(root, entry))) if (isEsm(path.join(root, entry, sub))) names.push(`${entry}/${sub}`);
    } else if (isEsm(path.join(root, entry))) {
      names.push(entry);
    }
  }
  return names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages().join('|')})/)`];

/** The API services, libraries and workers: Node, three sizes. */
const services = {
  displayName: 'services',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/apps/web-portal/', '/test/faults/', '/test/browser/'],
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', swc] },
  transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@jiebang/([a-z-]+)$': '<rootDir>/libs/$1/src' },
};

/** The web portal's component tests (apps/web-portal/src/**\/*.spec.tsx): React in jsdom, no server. */
const webPortal = {
  displayName: 'web-portal',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/apps/web-portal/src'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  transform: {
    '^.+\\.(ts|tsx|js|mjs)$': [
      '@swc/jest',
      { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'typescript', tsx: true, decorators: true }, transform: { react: { runtime: 'automatic' } } } },
    ],
  },
  transformIgnorePatterns,
  moduleFileExtensions: ['tsx', 'ts', 'js', 'mjs', 'json'],
  moduleNameMapper: { '^@jiebang/credit-code$': '<rootDir>/libs/domain/src/validation/credit-code.ts' },
  setupFiles: ['<rootDir>/apps/web-portal/test/jsdom-setup.ts'],
};

module.exports = {
  projects: [services, webPortal],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Global options (Jest ignores them inside a project).
  testTimeout: 60_000,
  maxWorkers: 2,
};
