/**
 * Where tests find Postgres and Redis: TEST_DATABASE_URL / TEST_REDIS_URL, else the local defaults.
 * Each test file works in its own database cloned from a migrated template (ARCHITECTURE.md habit 11); the
 * template and the clones carry the run's id, so concurrent runs never touch each other's databases.
 */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by the global set-up (inherited by the test workers). */
export function runId(): string {
  const id = process.env.JIEBANG_TEST_RUN;
  if (!id) throw new Error('JIEBANG_TEST_RUN is not set: run the tests through jest (global set-up)');
  return id;
}

export const templateDatabase = (run = runId()): string => `jiebang_tpl_${run}`;
export const DATABASE_PREFIX = 'jiebang_t';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
