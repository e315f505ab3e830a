import { randomUUID } from 'node:crypto';
import { bidContent, later } from '../../../../test/support/factories';
import { InvalidStateError, VersionConflictError } from '../errors';
import { bidContentHash } from './bid-content';
import { Bid } from './bid.entity';
import { BidContent, BidStatus } from './bid.types';

const NOW = new Date('2030-03-01T08:00:00.000Z');
const KPIS = [{ id: randomUUID() }, { id: randomUUID() }];

function submit(content: BidContent = bidContent(KPIS)): Bid {
  return Bid.submit({ challengeId: randomUUID(), organizationId: randomUUID(), userId: randomUUID(), content }, NOW);
}

/** The same content with the keys of every object in reverse order (as a jsonb round trip may return them). */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => reverseKeys(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)])) as T;
}

describe('Bid.submit', () => {
  it('starts a submitted bid at version 1, revision 1, with the hash of its content', () => {
    const content = bidContent(KPIS);
    const bid = submit(content);

    expect(bid.status).toBe('submitted');
    expect(bid.version).toBe(1);
    expect(bid.revision).toBe(1);
    expect(bid.isLive).toBe(true);
    expect(bid.submittedAt).toEqual(NOW);
    expect(bid.withdrawnAt).toBeNull();
    expect(bid.content()).toEqual(content);
    expect(bid.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(bid.contentHash).toBe(bidContentHash(content));
  });
});

describe('bidContentHash', () => {
  it('is stable when the keys of the content (and nested objects) come in another order', () => {
    const content = bidContent(KPIS);
    const reordered = reverseKeys(content);

    expect(Object.keys(reordered)).not.toEqual(Object.keys(content));
    expect(bidContentHash(reordered)).toBe(bidContentHash(content));
  });

  it.each<[string, (c: BidContent) => BidContent]>([
    ['price', (c) => ({ ...c, priceYuan: c.priceYuan + 1 })],
    ['summary', (c) => ({ ...c, summary: `${c.summary} ` })],
    ['a KPI commitment', (c) => ({ ...c, kpiResponses: [{ ...c.kpiResponses[0], commitment: 'less' }, ...c.kpiResponses.slice(1)] })],
    ['milestone order', (c) => ({ ...c, milestones: [...c.milestones].reverse() })],
    ['team', (c) => ({ ...c, team: [] })],
  ])('changes with the %s', (_label, change) => {
    const content = bidContent(KPIS);

    expect(bidContentHash(change(content))).not.toBe(bidContentHash(content));
  });
});

describe('Bid.amend', () => {
  it('replaces the content as a new revision: revision + 1, version + 1, new hash', () => {
    const bid = submit();
    const firstHash = bid.contentHash;
    const amended = bidContent(KPIS, { priceYuan: 990_000, durationDays: 200 });
    const at = later(60_000, NOW);

    bid.amend(amended, 1, at);

    expect(bid.revision).toBe(2);
    expect(bid.version).toBe(2);
    expect(bid.content()).toEqual(amended);
    expect(bid.contentHash).toBe(bidContentHash(amended));
    expect(bid.contentHash).not.toBe(firstHash);
    expect(bid.updatedAt).toEqual(at);
    expect(bid.submittedAt).toEqual(NOW);
  });

  it('counts revisions across several amendments', () => {
    const bid = submit();

    bid.amend(bidContent(KPIS, { priceYuan: 1 }), 1, NOW);
    bid.amend(bidContent(KPIS, { priceYuan: 2 }), 2, NOW);

    expect(bid.revision).toBe(3);
    expect(bid.version).toBe(3);
    expect(bid.priceYuan).toBe(2);
  });

  it('refuses a stale version and keeps the content', () => {
    const bid = submit();
    bid.amend(bidContent(KPIS, { priceYuan: 1 }), 1, NOW);

    expect(() => bid.amend(bidContent(KPIS, { priceYuan: 2 }), 1, NOW)).toThrow(VersionConflictError);
    expect(bid.priceYuan).toBe(1);
    expect(bid.revision).toBe(2);
  });

  it.each<BidStatus>(['withdrawn', 'shortlisted', 'awarded', 'rejected', 'disqualified'])('refuses a %s bid', (status) => {
    const bid = submit();
    bid.status = status;

    expect(() => bid.amend(bidContent(KPIS, { priceYuan: 1 }), bid.version, NOW)).toThrow(InvalidStateError);
    expect(bid.revision).toBe(1);
  });
});

describe('Bid.withdraw', () => {
  it('withdraws a submitted bid', () => {
    const bid = submit();
    const at = later(1000, NOW);

    bid.withdraw(at);

    expect(bid.status).toBe('withdrawn');
    expect(bid.isLive).toBe(false);
    expect(bid.withdrawnAt).toEqual(at);
    expect(bid.version).toBe(2);
  });

  it('refuses to withdraw twice', () => {
    const bid = submit();
    bid.withdraw(NOW);

    expect(() => bid.withdraw(later(1000, NOW))).toThrow(InvalidStateError);
    expect(bid.withdrawnAt).toEqual(NOW);
    expect(bid.version).toBe(2);
  });
});
