import { randomUUID } from 'node:crypto';
import { auditHash, GENESIS_HASH, nextAuditEvent, verifyAuditChain } from './audit-chain';
import { AuditEvent } from './audit-event.entity';

const START = new Date('2030-03-01T08:00:00.000Z');
const CONTENT_HASH = 'a'.repeat(64);

/** A fresh, valid chain of five links for one challenge. */
function chain(): AuditEvent[] {
  const challengeId = randomUUID();
  const actorId = randomUUID();
  const inputs = [
    { action: 'challenge.created', data: { title: '伺服电机', rewardYuan: 2_000_000 }, contentHash: null },
    { action: 'challenge.published', data: { bidDeadline: '2030-04-01T00:00:00.000Z' }, contentHash: null },
    { action: 'bid.submitted', data: { bidId: randomUUID(), revision: 1 }, contentHash: CONTENT_HASH },
    { action: 'bid.amended', data: { bidId: randomUUID(), revision: 2, nested: { z: 1, a: [1, { y: 2, b: 3 }] } }, contentHash: 'b'.repeat(64) },
    { action: 'challenge.closed', data: { liveBids: 1 }, contentHash: null },
  ];
  const events: AuditEvent[] = [];
  inputs.forEach((input, i) => {
    events.push(
      nextAuditEvent(events[i - 1] ?? null, { challengeId, at: new Date(START.getTime() + i * 1000), actorId, ...input }),
    );
  });
  return events;
}

/** A deep copy, as if read back from the database: `data` keys reordered at every level, new Date objects. */
function roundTrip(event: AuditEvent): AuditEvent {
  const reorder = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reorder);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reorder(v)]));
  };
  return Object.assign(new AuditEvent(), { ...event, at: new Date(event.at.getTime()), data: reorder(event.data) });
}

describe('nextAuditEvent', () => {
  it('numbers links from 1 and links each to the previous hash, starting from 64 zeros', () => {
    const events = chain();

    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0].prevHash).toBe('0'.repeat(64));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    for (let i = 1; i < events.length; i += 1) expect(events[i].prevHash).toBe(events[i - 1].hash);
    for (const event of events) {
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.hash).toBe(auditHash(event));
    }
    expect(new Set(events.map((e) => e.hash)).size).toBe(5);
  });
});

describe('verifyAuditChain', () => {
  it('verifies an intact chain: valid, its length and head', () => {
    const events = chain();

    expect(verifyAuditChain(events)).toEqual({ valid: true, length: 5, head: events[4].hash, brokenAt: null });
  });

  it('verifies an empty chain with the genesis hash as head', () => {
    expect(verifyAuditChain([])).toEqual({ valid: true, length: 0, head: GENESIS_HASH, brokenAt: null });
  });

  it('hashes the same after a jsonb round trip that reorders the keys of data', () => {
    const events = chain();
    const readBack = events.map(roundTrip);

    expect(Object.keys(readBack[3].data)).not.toEqual(Object.keys(events[3].data));
    expect(verifyAuditChain(readBack)).toEqual(verifyAuditChain(events));
    expect(verifyAuditChain(readBack).valid).toBe(true);
  });

  it.each<[string, number, (e: AuditEvent) => void]>([
    ['data', 2, (e) => (e.data = { ...e.data, bidDeadline: '2030-05-01T00:00:00.000Z' })],
    ['a nested value of data', 4, (e) => (e.data = { ...e.data, nested: { z: 1, a: [1, { y: 2, b: 4 }] } })],
    ['actorId', 3, (e) => (e.actorId = randomUUID())],
    ['actorId set to null', 1, (e) => (e.actorId = null)],
    ['contentHash', 3, (e) => (e.contentHash = 'c'.repeat(64))],
    ['action', 5, (e) => (e.action = 'challenge.failed')],
    ['at', 2, (e) => (e.at = new Date(e.at.getTime() + 1))],
    ['the stored hash', 4, (e) => (e.hash = 'f'.repeat(64))],
  ])('detects a changed %s at seq %d', (_label, seq, tamper) => {
    const events = chain();
    tamper(events[seq - 1]);

    const result = verifyAuditChain(events);

    expect(result.valid).toBe(false);
    expect(result.brokenAt).toBe(seq);
    expect(result.length).toBe(5);
  });

  it('detects a link rewritten together with its own hash at the next link', () => {
    const events = chain();
    events[1].data = { bidDeadline: '2031-01-01T00:00:00.000Z' };
    events[1].hash = auditHash(events[1]);

    expect(verifyAuditChain(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('detects reordered links', () => {
    const events = chain();
    [events[1], events[2]] = [events[2], events[1]];

    expect(verifyAuditChain(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('detects a deleted link', () => {
    const events = chain();
    events.splice(2, 1);

    expect(verifyAuditChain(events)).toMatchObject({ valid: false, length: 4, brokenAt: 4 });
  });

  it('detects a chain that does not start at seq 1 (first links deleted)', () => {
    const events = chain().slice(1);

    expect(verifyAuditChain(events)).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('detects a gap in seq even when every hash after it was recomputed', () => {
    const events = chain().slice(1);
    let prevHash = GENESIS_HASH;
    for (const event of events) {
      event.prevHash = prevHash;
      event.hash = auditHash(event);
      prevHash = event.hash;
    }

    expect(verifyAuditChain(events)).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('detects a link moved to another challenge', () => {
    const events = chain();
    events[2].challengeId = randomUUID();

    expect(verifyAuditChain(events)).toMatchObject({ valid: false, brokenAt: 3 });
  });
});
