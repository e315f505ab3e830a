import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@jiebang/database';
import { DOMAIN_ENTITIES } from '@jiebang/domain';
import { QUEUE_ENTITIES } from '@jiebang/queue';
import { databaseUrl, DATABASE_PREFIX, runId, templateDatabase, TEST_POSTGRES_URL } from './test-env';

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database cloned from the migrated template; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `${DATABASE_PREFIX}_${runId()}_${randomBytes(5).toString('hex')}`;
  // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; retry briefly.
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`));
      return databaseUrl(name);
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** A DataSource over a fresh test database, for medium (repository) tests. */
export async function openTestDataSource(): Promise<{ dataSource: DataSource; url: string; close: () => Promise<void> }> {
  const url = await createTestDatabase();
  const dataSource = new DataSource(
    dataSourceOptions({ url, poolSize: 5, applicationName: 'jiebang-test' }, [...DOMAIN_ENTITIES, ...QUEUE_ENTITIES]),
  );
  await dataSource.initialize();
  return {
    dataSource,
    url,
    close: async () => {
      await dataSource.destroy();
      await dropTestDatabase(url);
    },
  };
}
