import { join } from 'node:path';
import { Client } from 'pg';
import { register } from 'tsconfig-paths';
import { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { databaseUrl, templateDatabase, TEST_POSTGRES_URL } from './test-env';

// Jest's moduleNameMapper does not apply to globalSetup; resolve the @jiebang/* aliases here.
register({ baseUrl: join(__dirname, '../..'), paths: { '@jiebang/*': ['libs/*/src'] } });

/** Once per run: a freshly migrated template database that every test file clones (fast, isolated). */
export default async function globalSetup(): Promise<void> {
  process.env.JIEBANG_TEST_RUN = randomBytes(4).toString('hex');
  const template = templateDatabase();
  const admin = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Tests need PostgreSQL at ${TEST_POSTGRES_URL} (set TEST_DATABASE_URL): ${(error as Error).message}`, { cause: error });
  }
  try {
    // In CI (one run per machine) sweep what killed runs left behind; on a developer's machine other runs may
    // be going on, and each run drops its own databases in the global teardown.
    if (process.env.CI) {
      const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'jiebang\\_t%'`);
      for (const row of stale.rows as Array<{ datname: string }>) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dataSourceOptions } = require('@jiebang/database') as typeof import('@jiebang/database');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DOMAIN_ENTITIES } = require('@jiebang/domain') as typeof import('@jiebang/domain');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { QUEUE_ENTITIES } = require('@jiebang/queue') as typeof import('@jiebang/queue');
  const dataSource = new DataSource(
    dataSourceOptions({ url: databaseUrl(template), poolSize: 2, applicationName: 'jiebang-test-setup' }, [
      ...DOMAIN_ENTITIES,
      ...QUEUE_ENTITIES,
    ]),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
