import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/test-database';
import { TransactionHost } from './transaction-host';

/** A probe table with the column shapes `upsertManyInto` must carry: a fixed-length text, jsonb, a defaulted column. */
@Entity('upsert_probe')
class UpsertProbe {
  @PrimaryColumn('uuid') id!: string;
  @PrimaryColumn('int') n!: number;
  @Column({ type: 'char', length: 6 }) code!: string;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column({ type: 'text', default: 'initial' }) note?: string;
}

let url: string;
let dataSource: DataSource;
let tx: TransactionHost;

beforeAll(async () => {
  url = await createTestDatabase();
  dataSource = new DataSource({ type: 'postgres', url, entities: [UpsertProbe], synchronize: false });
  await dataSource.initialize();
  await dataSource.query(
    `CREATE TABLE upsert_probe (id uuid, n int, code char(6) NOT NULL, data jsonb NOT NULL, note text NOT NULL DEFAULT 'initial', PRIMARY KEY (id, n))`,
  );
  tx = new TransactionHost(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  if (url) await dropTestDatabase(url);
});

const probe = (id: string, n: number, code: string, data: Record<string, unknown>, note?: string) =>
  Object.assign(new UpsertProbe(), { id, n, code, data, ...(note === undefined ? {} : { note }) });
const rowsOf = (id: string) => dataSource.query(`SELECT n, code, data, note FROM upsert_probe WHERE id = $1 ORDER BY n`, [id]);

describe('TransactionHost.upsertMany', () => {
  it('writes a fixed-length column whole, padded as Postgres pads it (a bare character[] cast would cut it to one letter)', async () => {
    const id = randomUUID();
    await tx.upsertMany(UpsertProbe, [probe(id, 1, 'ABCDEF', { a: 1 }), probe(id, 2, 'XYZ', { b: "it's" })], ['id', 'n']);
    expect(await rowsOf(id)).toEqual([
      { n: 1, code: 'ABCDEF', data: { a: 1 }, note: 'initial' },
      { n: 2, code: 'XYZ   ', data: { b: "it's" }, note: 'initial' },
    ]);
  });

  it('refuses a value longer than a fixed-length column, as a single-row insert does (never cuts it)', async () => {
    const id = randomUUID();
    await expect(tx.upsertMany(UpsertProbe, [probe(id, 1, 'ABCDEFGH', {})], ['id', 'n'])).rejects.toThrow(/too long/);
    expect(await rowsOf(id)).toEqual([]);
  });

  it('updates rows already there, writes one entity per key (the last), whatever the order of the keys', async () => {
    const id = randomUUID();
    await tx.upsertMany(UpsertProbe, [probe(id, 3, 'AAAAAA', { v: 1 }, 'kept'), probe(id, 1, 'BBBBBB', { v: 1 }, 'kept')], ['id', 'n']);
    await tx.upsertMany(
      UpsertProbe,
      [probe(id, 3, 'CCCCCC', { v: 2 }), probe(id, 2, 'DDDDDD', { v: 2 }), probe(id, 3, 'EEEEEE', { v: 3 })],
      ['id', 'n'],
    );
    // No entity set `note` in the second call: new rows get the default, rows already there keep theirs.
    expect(await rowsOf(id)).toEqual([
      { n: 1, code: 'BBBBBB', data: { v: 1 }, note: 'kept' },
      { n: 2, code: 'DDDDDD', data: { v: 2 }, note: 'initial' },
      { n: 3, code: 'EEEEEE', data: { v: 3 }, note: 'kept' },
    ]);
  });

  it('refuses a column that only some entities have, and writes nothing', async () => {
    const id = randomUUID();
    await expect(tx.upsertMany(UpsertProbe, [probe(id, 1, 'AAAAAA', {}, 'x'), probe(id, 2, 'BBBBBB', {})], ['id', 'n'])).rejects.toThrow(
      /note is missing in some entities/,
    );
    expect(await rowsOf(id)).toEqual([]);
  });
});
