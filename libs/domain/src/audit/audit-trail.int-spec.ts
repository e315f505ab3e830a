import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { asRow, TransactionHost } from '@jiebang/database';
import { openTestDataSource } from '../../../../test/support/test-database';
import { auditHash, GENESIS_HASH, verifyAuditChain } from './audit-chain';
import { AuditEvent } from './audit-event.entity';
import { AuditTrail } from './audit-trail';

let db: { dataSource: DataSource; close: () => Promise<void> };
let tx: TransactionHost;
let trail: AuditTrail;

beforeAll(async () => {
  db = await openTestDataSource();
  tx = new TransactionHost(db.dataSource);
  trail = new AuditTrail(tx);
});

afterAll(async () => {
  await db?.close();
});

const START = new Date('2030-03-01T08:00:00.000Z');

/** Records a typical history of one challenge, one event per transaction; returns what `record` returned. */
async function recordHistory(challengeId: string): Promise<AuditEvent[]> {
  const lead = randomUUID();
  const sme = randomUUID();
  const entries = [
    { actorId: lead, action: 'challenge.created', data: { zeta: '最后', a: 1, middle: { z: true, a: [3, 2, 1] } } },
    { actorId: lead, action: 'challenge.published', data: { bidDeadline: '2030-04-01T00:00:00.000Z' } },
    { actorId: sme, action: 'bid.submitted', data: { bidId: randomUUID(), revision: 1 }, contentHash: 'a'.repeat(64) },
    { actorId: sme, action: 'bid.amended', data: { revision: 2, bidId: randomUUID() }, contentHash: 'b'.repeat(64) },
    { actorId: null, action: 'challenge.closed' },
  ];
  const recorded: AuditEvent[] = [];
  for (const [i, entry] of entries.entries()) {
    recorded.push(await tx.run(() => trail.record({ challengeId, ...entry }, new Date(START.getTime() + i * 1000))));
  }
  return recorded;
}

describe('AuditTrail', () => {
  it('appends seq 1..n, each link pointing at the previous hash', async () => {
    const challengeId = randomUUID();
    const recorded = await recordHistory(challengeId);

    const chain = await trail.chainOf(challengeId);

    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i += 1) expect(chain[i].prevHash).toBe(chain[i - 1].hash);
    expect(chain.map((e) => e.hash)).toEqual(recorded.map((e) => e.hash));
    expect(chain.map((e) => e.contentHash)).toEqual([null, null, 'a'.repeat(64), 'b'.repeat(64), null]);
    expect(chain[4]).toMatchObject({ actorId: null, action: 'challenge.closed', data: {} });
  });

  it('verifies after the jsonb round trip reordered the keys of data', async () => {
    const challengeId = randomUUID();
    const recorded = await recordHistory(challengeId);

    const chain = await trail.chainOf(challengeId);

    expect(Object.keys(chain[0].data)).not.toEqual(Object.keys(recorded[0].data));
    expect(chain[0].data).toEqual(recorded[0].data);
    expect(verifyAuditChain(chain)).toEqual({ valid: true, length: 5, head: recorded[4].hash, brokenAt: null });
  });

  it('keeps one chain per challenge, even when appends interleave', async () => {
    const first = randomUUID();
    const second = randomUUID();

    for (let i = 0; i < 3; i += 1) {
      await tx.run(() => trail.record({ challengeId: first, actorId: null, action: `a.${i}` }, START));
      await tx.run(() => trail.record({ challengeId: second, actorId: null, action: `b.${i}` }, START));
    }

    for (const id of [first, second]) {
      const chain = await trail.chainOf(id);
      expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(verifyAuditChain(chain).valid).toBe(true);
    }
  });

  it('tail: reads the head with the database clock, and its next event continues the chain as record would', async () => {
    const challengeId = randomUUID();
    const empty = await tx.run(() => trail.tail(challengeId));
    const first = empty.next({ challengeId, actorId: null, action: 'challenge.created' });
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, at: empty.now });
    await tx.insert([AuditEvent, first]);
    await tx.run(() => trail.record({ challengeId, actorId: null, action: 'challenge.published' }, START));

    const before = new Date();
    const tail = await tx.run(() => trail.tail(challengeId));
    const third = tail.next({ challengeId, actorId: randomUUID(), action: 'bid.submitted', contentHash: 'a'.repeat(64) });
    await tx.insert([AuditEvent, third]);

    expect(Math.abs(tail.now.getTime() - before.getTime())).toBeLessThan(5_000);
    expect(third).toMatchObject({ seq: 3, at: tail.now, data: {} });
    expect(verifyAuditChain(await trail.chainOf(challengeId))).toMatchObject({ valid: true, length: 3, head: third.hash });
    expect(() => tail.next({ challengeId: randomUUID(), actorId: null, action: 'x' })).toThrow(/cannot append/);
  });

  it('tail: several events made from one tail continue one another (no two with the same seq)', async () => {
    const challengeId = randomUUID();
    await tx.run(() => trail.record({ challengeId, actorId: null, action: 'challenge.created' }, START));

    const tail = await tx.run(() => trail.tail(challengeId));
    const events = ['bid.submitted', 'bid.amended'].map((action) => tail.next({ challengeId, actorId: null, action }));
    await tx.insert([AuditEvent, events[0]], [AuditEvent, events[1]]);

    expect(events.map((e) => e.seq)).toEqual([2, 3]);
    expect(verifyAuditChain(await trail.chainOf(challengeId))).toMatchObject({ valid: true, length: 3, head: events[1].hash });
  });

  it('rejects a second link with the same seq (a forked chain) by the primary key', async () => {
    const challengeId = randomUUID();
    const first = await tx.run(() => trail.record({ challengeId, actorId: null, action: 'challenge.created' }, START));

    await expect(db.dataSource.manager.insert(AuditEvent, asRow({ ...first, hash: 'f'.repeat(64) }))).rejects.toThrow();
  });

  describe('tampering with raw SQL', () => {
    it.each<[string, string, number]>([
      ['changed data', `UPDATE audit_events SET data = '{"bidDeadline": "2030-05-01T00:00:00.000Z"}' WHERE challenge_id = $1 AND seq = 2`, 2],
      ['changed actor_id', `UPDATE audit_events SET actor_id = gen_random_uuid() WHERE challenge_id = $1 AND seq = 3`, 3],
      ['changed content_hash', `UPDATE audit_events SET content_hash = repeat('c', 64) WHERE challenge_id = $1 AND seq = 4`, 4],
      ['changed at', `UPDATE audit_events SET at = at + interval '1 millisecond' WHERE challenge_id = $1 AND seq = 1`, 1],
      ['a deleted link', `DELETE FROM audit_events WHERE challenge_id = $1 AND seq = 3`, 4],
    ])('detects %s', async (_label, sql, brokenAt) => {
      const challengeId = randomUUID();
      const recorded = await recordHistory(challengeId);

      await db.dataSource.query(sql, [challengeId]);
      const result = verifyAuditChain(await trail.chainOf(challengeId));

      expect(result.valid).toBe(false);
      expect(result.brokenAt).toBe(brokenAt);
      expect(recorded).toHaveLength(5);
    });

    it('detects a rewritten link whose hash was recomputed, at the next link', async () => {
      const challengeId = randomUUID();
      await recordHistory(challengeId);
      const [, second] = await trail.chainOf(challengeId);
      second.data = { bidDeadline: '2031-01-01T00:00:00.000Z' };
      await db.dataSource.query(`UPDATE audit_events SET data = $2, hash = $3 WHERE challenge_id = $1 AND seq = 2`, [
        challengeId,
        JSON.stringify(second.data),
        auditHash(second),
      ]);

      expect(verifyAuditChain(await trail.chainOf(challengeId))).toMatchObject({ valid: false, brokenAt: 3 });
    });
  });
});
