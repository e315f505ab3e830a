import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@jiebang/database';
import { openTestDataSource } from '../../../../test/support/test-database';
import { IdempotencyRepository } from './idempotency.repository';

let db: { dataSource: DataSource; close: () => Promise<void> };
let keys: IdempotencyRepository;

beforeAll(async () => {
  db = await openTestDataSource();
  keys = new IdempotencyRepository(new TransactionHost(db.dataSource));
});

afterAll(async () => {
  await db?.close();
});

const SCOPE = 'POST /api/v1/bids';
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

/** A fresh (user, key) pair for one test. */
function fresh() {
  return { user: randomUUID(), key: `key-${randomUUID()}` };
}

async function rowCount(user: string, key: string): Promise<number> {
  const rows: Array<{ n: string }> = await db.dataSource.query(
    `SELECT count(*) AS n FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
    [user, key],
  );
  return Number(rows[0].n);
}

describe('IdempotencyRepository.claim', () => {
  it('claims an unused key', async () => {
    const { user, key } = fresh();

    expect(await keys.claim(user, SCOPE, key, HASH)).toEqual({ kind: 'claimed' });
    expect(await rowCount(user, key)).toBe(1);
  });

  it('reports the same request still in flight as in-progress', async () => {
    const { user, key } = fresh();
    await keys.claim(user, SCOPE, key, HASH);

    expect(await keys.claim(user, SCOPE, key, HASH)).toEqual({ kind: 'in-progress' });
  });

  it('reports a different request body with the same key as reused, in flight or completed', async () => {
    const { user, key } = fresh();
    await keys.claim(user, SCOPE, key, HASH);

    expect(await keys.claim(user, SCOPE, key, OTHER_HASH)).toEqual({ kind: 'reused' });
    await keys.complete(user, SCOPE, key, 201, { id: 'x' });
    expect(await keys.claim(user, SCOPE, key, OTHER_HASH)).toEqual({ kind: 'reused' });
  });

  it('replays the completed response with its status and body', async () => {
    const { user, key } = fresh();
    const body = { id: randomUUID(), status: 'submitted', revision: 1, kpiResponses: [{ kpiId: 'k', commitment: '达标' }] };
    await keys.claim(user, SCOPE, key, HASH);

    await keys.complete(user, SCOPE, key, 201, body);

    expect(await keys.claim(user, SCOPE, key, HASH)).toEqual({ kind: 'replay', status: 201, body });
    expect(await keys.claim(user, SCOPE, key, HASH)).toEqual({ kind: 'replay', status: 201, body });
    expect(await rowCount(user, key)).toBe(1);
  });

  it('lets a released key be claimed again', async () => {
    const { user, key } = fresh();
    await keys.claim(user, SCOPE, key, HASH);

    await keys.release(user, SCOPE, key);

    expect(await rowCount(user, key)).toBe(0);
    expect(await keys.claim(user, SCOPE, key, OTHER_HASH)).toEqual({ kind: 'claimed' });
  });

  it('does not release a completed key', async () => {
    const { user, key } = fresh();
    await keys.claim(user, SCOPE, key, HASH);
    await keys.complete(user, SCOPE, key, 201, { ok: true });

    await keys.release(user, SCOPE, key);

    expect(await keys.claim(user, SCOPE, key, HASH)).toEqual({ kind: 'replay', status: 201, body: { ok: true } });
  });

  it('keeps users apart: another user with the same key is independent', async () => {
    const { user, key } = fresh();
    const otherUser = randomUUID();
    await keys.claim(user, SCOPE, key, HASH);
    await keys.complete(user, SCOPE, key, 201, { owner: user });

    expect(await keys.claim(otherUser, SCOPE, key, OTHER_HASH)).toEqual({ kind: 'claimed' });
    expect(await keys.claim(user, SCOPE, key, HASH)).toEqual({ kind: 'replay', status: 201, body: { owner: user } });
  });

  it('keeps scopes apart for the same user and key', async () => {
    const { user, key } = fresh();
    await keys.claim(user, SCOPE, key, HASH);

    expect(await keys.claim(user, 'POST /api/v1/challenges', key, OTHER_HASH)).toEqual({ kind: 'claimed' });
  });

  it('takes over an abandoned claim of the same request, but not of a different one', async () => {
    const { user, key } = fresh();
    await keys.claim(user, SCOPE, key, HASH);
    await db.dataSource.query(`UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE user_id = $1`, [user]);

    expect(await keys.claim(user, SCOPE, key, OTHER_HASH)).toEqual({ kind: 'reused' });
    expect(await keys.claim(user, SCOPE, key, HASH)).toEqual({ kind: 'claimed' });
    expect(await keys.claim(user, SCOPE, key, HASH)).toEqual({ kind: 'in-progress' });
  });

  it('treats a key older than 24 hours as new', async () => {
    const { user, key } = fresh();
    await keys.claim(user, SCOPE, key, HASH);
    await keys.complete(user, SCOPE, key, 201, { old: true });
    await db.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE user_id = $1`, [user]);

    expect(await keys.claim(user, SCOPE, key, OTHER_HASH)).toEqual({ kind: 'claimed' });
    expect(await keys.claim(user, SCOPE, key, OTHER_HASH)).toEqual({ kind: 'in-progress' });
  });

  it('lets exactly one of several concurrent claims of one key win', async () => {
    const { user, key } = fresh();

    const results = await Promise.all(Array.from({ length: 8 }, () => keys.claim(user, SCOPE, key, HASH)));

    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'in-progress')).toHaveLength(7);
  });
});
