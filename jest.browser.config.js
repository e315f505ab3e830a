/**
 * `npm run test:browser`: the web portal in Debian's Chromium (playwright-core), against the real stack (both API
 * services with the built portal, the worker, Postgres, Redis). One file at a time: each drives a browser and a
 * stack on a 2-core machine. Screenshots go to test-artifacts/browser/.
 */
const base = require('./jest.config.js');

const services = base.projects.find((p) => p.displayName === 'services');

module.exports = {
  ...services,
  displayName: 'browser',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  testTimeout: 300_000,
  maxWorkers: 1,
};
