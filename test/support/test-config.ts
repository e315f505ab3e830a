import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@jiebang/platform';
import { TEST_REDIS_URL } from './test-env';

/**
 * Configuration for tests: real validation (loadConfig), ports chosen by the OS, quiet logs, fast time-driven
 * intervals, an own queue prefix per stack, the cheap password-hash profile (refused in production) and a
 * raised auth rate limit (the throttling test sets its own).
 */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `jbt-${randomBytes(4).toString('hex')}`,
    CHALLENGE_PORT: '0',
    BIDDING_PORT: '0',
    WORKER_PORT: '0',
    LOG_LEVEL: 'silent',
    PASSWORD_HASH_PROFILE: 'fast',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    OUTBOX_POLL_MS: '100',
    RECONCILE_INTERVAL_MS: '500',
    DB_POOL_SIZE: '5',
    PORTAL_DIR: 'off',
    ...overrides,
  });
}
