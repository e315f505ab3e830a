/**
 * Where tests find Postgres and Redis: TEST_DATABASE_URL / TEST_REDIS_URL, else the local defaults.
 * Each test file works in its own database cloned from a migrated template (ARCHITECTURE.md habit 11).
 */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEMPLATE_DATABASE = 'jiebang_test_template';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
