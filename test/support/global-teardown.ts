import { Client } from 'pg';
import { TEST_POSTGRES_URL } from './test-env';

/** Drops this run's template and every database cloned from it that a test file did not drop itself. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.JIEBANG_TEST_RUN;
  if (!run) return;
  const admin = new Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    const mine = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`jiebang\\_t\\_${run}\\_%`, `jiebang_tpl_${run}`]);
    for (const row of mine.rows as Array<{ datname: string }>) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
