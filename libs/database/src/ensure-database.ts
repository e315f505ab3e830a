import { Client } from 'pg';
import { splitDatabaseUrl } from './data-source-options';

/** Creates the database named in `url` when it does not exist (used by `npm start` and the test set-up). */
export async function ensureDatabase(url: string, template?: string): Promise<boolean> {
  const { maintenanceUrl, database } = splitDatabaseUrl(url);
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount && found.rowCount > 0) return false;
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    try {
      await client.query(`CREATE DATABASE ${quote(database)}${template ? ` TEMPLATE ${quote(template)}` : ''}`);
    } catch (error) {
      // Another process created it between our check and our CREATE.
      if ((error as { code?: string }).code !== '42P04') throw error;
      return false;
    }
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const { maintenanceUrl, database } = splitDatabaseUrl(url);
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
