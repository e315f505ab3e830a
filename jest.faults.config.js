/**
 * `npm run test:faults`: the reliability suite (QUALITY.md "Reliability") with real processes — the three apps as
 * child processes, a redis-server each test file starts on its own port, Postgres connections terminated by
 * database and application_name. One file at a time: each runs a whole stack on a 2-core machine. Child logs
 * and measured recovery times go to test-artifacts/faults/.
 */
const base = require('./jest.config.js');

const services = base.projects.find((p) => p.displayName === 'services');

module.exports = {
  ...services,
  displayName: 'faults',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.fault-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  testTimeout: 180_000,
  maxWorkers: 1,
};
