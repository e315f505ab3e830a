import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { openTestDataSource } from '../../../test/support/test-database';
import { isUniqueViolation } from './postgres-errors';
import { TransactionHost } from './transaction-host';

let db: { dataSource: DataSource; close: () => Promise<void> };
let tx: TransactionHost;

beforeAll(async () => {
  db = await openTestDataSource();
  tx = new TransactionHost(db.dataSource);
  await db.dataSource.query('CREATE TABLE prepared_probe (id uuid PRIMARY KEY, label text NOT NULL)');
});

afterAll(async () => {
  await db?.close();
});

const SELECT_LABEL = 'SELECT id, label FROM prepared_probe WHERE id = $1';

/** The statements prepared on the connection the current transaction holds. */
async function preparedHere(): Promise<Array<{ name: string; statement: string }>> {
  return tx.manager.query(`SELECT name, statement FROM pg_prepared_statements WHERE NOT from_sql ORDER BY name`);
}

describe('TransactionHost.prepared', () => {
  it('joins the current transaction: a rollback undoes what it wrote', async () => {
    const id = randomUUID();
    await tx
      .run(async () => {
        await tx.prepared('INSERT INTO prepared_probe (id, label) VALUES ($1, $2)', [id, 'rolled back']);
        expect(await tx.prepared(SELECT_LABEL, [id])).toHaveLength(1);
        throw new Error('roll back');
      })
      .catch(() => undefined);

    expect(await tx.prepared(SELECT_LABEL, [id])).toEqual([]);
  });

  it('runs a statement as a named prepared statement and returns its rows as manager.query does', async () => {
    const id = randomUUID();
    await tx.prepared('INSERT INTO prepared_probe (id, label) VALUES ($1, $2)', [id, '伺服']);

    await tx.run(async () => {
      const viaPrepared = await tx.prepared(SELECT_LABEL, [id]);
      expect(viaPrepared).toEqual(await tx.manager.query(SELECT_LABEL, [id]));
      expect(viaPrepared).toEqual([{ id, label: '伺服' }]);
      const here = await preparedHere();
      expect(here).toContainEqual({ name: expect.stringMatching(/^jiebang_[0-9a-f]{40}$/), statement: SELECT_LABEL });
      // The same text keeps its name: the connection does not prepare it again.
      await tx.prepared(SELECT_LABEL, [randomUUID()]);
      expect((await preparedHere()).filter((s) => s.statement === SELECT_LABEL)).toHaveLength(1);
    });
  });

  it('keeps the statement usable after its transaction rolled back, and reports errors as TypeORM does', async () => {
    const id = randomUUID();
    const insert = 'INSERT INTO prepared_probe (id, label) VALUES ($1, $2)';
    await tx.prepared(insert, [id, 'first']);

    const failure = await tx
      .run(async () => {
        await tx.prepared(SELECT_LABEL, [id]);
        await tx.prepared(insert, [id, 'again']);
      })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(failure, 'prepared_probe_pkey')).toBe(true);
    expect((failure as QueryFailedError).query).toBe(insert);
    expect(await tx.prepared(SELECT_LABEL, [id])).toEqual([{ id, label: 'first' }]);
    // Outside a transaction the statement goes to the pool directly: the same error.
    const outside = await tx.prepared(insert, [id, 'again']).catch((error: unknown) => error);
    expect(outside).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(outside, 'prepared_probe_pkey')).toBe(true);
    expect((outside as QueryFailedError).query).toBe(insert);
  });

  it('runs statements unnamed once the process has named its maximum, with the same results', async () => {
    const own = new TransactionHost(db.dataSource);
    const texts = Array.from({ length: 70 }, (_, i) => `SELECT $1::int + ${i} AS n`);

    for (const [i, text] of texts.entries()) expect(await own.prepared(text, [1])).toEqual([{ n: 1 + i }]);

    await own.run(async () => {
      for (const text of texts) await own.prepared(text, [1]);
      const named = new Set((await own.manager.query(`SELECT statement FROM pg_prepared_statements`)).map((r: { statement: string }) => r.statement));
      expect(texts.filter((t) => named.has(t))).toHaveLength(64);
      expect(named.has(texts[69])).toBe(false);
    });
  });
});
