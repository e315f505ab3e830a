import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@jiebang/database';
import { openTestDataSource } from '../../../../test/support/test-database';
import { bidContent, later, submittedBid } from '../../../../test/support/factories';
import { BidExistsError } from '../errors';
import { bidContentHash } from './bid-content';
import { BidRevision } from './bid-revision.entity';
import { Bid } from './bid.entity';
import { BidsRepository } from './bids.repository';

const HOUR_MS = 3_600_000;

let db: { dataSource: DataSource; close: () => Promise<void> };
let tx: TransactionHost;
let bids: BidsRepository;

beforeAll(async () => {
  db = await openTestDataSource();
  tx = new TransactionHost(db.dataSource);
  bids = new BidsRepository(tx);
});

afterAll(async () => {
  await db?.close();
});

/** A challenge as the bids see it (bids reference challenges by id only). */
function challenge() {
  return { id: randomUUID(), kpis: [{ id: randomUUID() }, { id: randomUUID() }] };
}

async function insert(bid: Bid): Promise<Bid> {
  await tx.run(() => bids.insert(bid, bid.submittedAt));
  return bid;
}

async function rowsOf(challengeId: string): Promise<Array<{ id: string; organization_id: string; status: string }>> {
  return db.dataSource.query(`SELECT id, organization_id, status FROM bids WHERE challenge_id = $1 ORDER BY submitted_at`, [challengeId]);
}

describe('BidsRepository', () => {
  describe('one live bid per organization per challenge', () => {
    it('refuses a second live bid of the same organization with BID_EXISTS', async () => {
      const target = challenge();
      const org = randomUUID();
      const first = await insert(submittedBid(target, org));

      await expect(insert(submittedBid(target, org))).rejects.toBeInstanceOf(BidExistsError);

      expect(await rowsOf(target.id)).toEqual([{ id: first.id, organization_id: org, status: 'submitted' }]);
    });

    it('lets other organizations bid, and the same organization bid on another challenge', async () => {
      const target = challenge();
      const org = randomUUID();
      await insert(submittedBid(target, org));

      await insert(submittedBid(target, randomUUID()));
      await insert(submittedBid(challenge(), org));

      expect(await rowsOf(target.id)).toHaveLength(2);
    });

    it('accepts a new bid after the live one is withdrawn', async () => {
      const target = challenge();
      const org = randomUUID();
      const first = await insert(submittedBid(target, org, { now: later(-60_000) }));
      first.withdraw(new Date());
      await tx.run(() => bids.save(first));

      const second = await insert(submittedBid(target, org));

      expect(second.id).not.toBe(first.id);
      expect(await rowsOf(target.id)).toEqual([
        { id: first.id, organization_id: org, status: 'withdrawn' },
        { id: second.id, organization_id: org, status: 'submitted' },
      ]);
      await expect(insert(submittedBid(target, org))).rejects.toBeInstanceOf(BidExistsError);
    });

    it('lets exactly one of 20 concurrent inserts by one organization win', async () => {
      const target = challenge();
      const org = randomUUID();

      const results = await Promise.allSettled(Array.from({ length: 20 }, () => insert(submittedBid(target, org))));

      const won = results.filter((r): r is PromiseFulfilledResult<Bid> => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(19);
      for (const failure of lost) expect(failure.reason).toBeInstanceOf(BidExistsError);
      expect(await rowsOf(target.id)).toEqual([{ id: won[0].value.id, organization_id: org, status: 'submitted' }]);
      const revisions: Array<{ n: string }> = await db.dataSource.query(
        `SELECT count(*) AS n FROM bid_revisions r JOIN bids b ON b.id = r.bid_id WHERE b.challenge_id = $1`,
        [target.id],
      );
      expect(Number(revisions[0].n)).toBe(1);
    });
  });

  describe('revisions', () => {
    it('writes the bid and its first revision in one statement, read back by the ORM exactly as given', async () => {
      const target = challenge();
      const bid = submittedBid(target, randomUUID(), { content: { priceYuan: 123_456_789_012 } });
      const statements: string[] = [];
      await tx.run(async () => {
        const runner = (tx.manager as unknown as { queryRunner: { query: (sql: string, p?: unknown[]) => Promise<unknown> } }).queryRunner;
        const query = runner.query.bind(runner);
        runner.query = (sql: string, params?: unknown[]) => {
          statements.push(sql);
          return query(sql, params);
        };
        await bids.insert(bid, bid.submittedAt);
      });

      expect(statements.filter((sql) => sql !== 'COMMIT')).toHaveLength(1);
      expect(await db.dataSource.manager.findOneByOrFail(Bid, { id: bid.id })).toStrictEqual(bid);
      expect(await db.dataSource.manager.findOneByOrFail(BidRevision, { bidId: bid.id, revision: 1 })).toStrictEqual(
        BidRevision.of(bid, bid.submittedAt),
      );
    });

    it('keeps every revision with its content and hash, and the bid row at the last one', async () => {
      const target = challenge();
      const bid = await insert(submittedBid(target, randomUUID(), { content: { priceYuan: 1_000_000 } }));
      const contents = [bid.content()];
      for (const priceYuan of [900_000, 800_000]) {
        const content = bidContent(target.kpis, { priceYuan });
        contents.push(content);
        await tx.run(async () => {
          const locked = await bids.findOfOrganizationForUpdate(bid.id, bid.organizationId);
          if (!locked) throw new Error('bid not found');
          locked.amend(content, locked.version, new Date());
          await bids.saveRevision(locked, new Date());
        });
      }

      const revisions: Array<{ revision: number; content: unknown; content_hash: string }> = await db.dataSource.query(
        `SELECT revision, content, content_hash FROM bid_revisions WHERE bid_id = $1 ORDER BY revision`,
        [bid.id],
      );
      expect(revisions.map((r) => r.revision)).toEqual([1, 2, 3]);
      revisions.forEach((r, i) => {
        expect(r.content).toEqual(contents[i]);
        expect(r.content_hash).toBe(bidContentHash(contents[i]));
        expect(bidContentHash(r.content as typeof contents[number])).toBe(r.content_hash);
      });
      expect(await bids.findOfOrganization(bid.id, bid.organizationId)).toMatchObject({
        revision: 3,
        version: 3,
        priceYuan: 800_000,
        contentHash: bidContentHash(contents[2]),
      });
    });
  });

  describe('reads', () => {
    it('lists the live bids of a challenge, newest first, without withdrawn ones', async () => {
      const target = challenge();
      const base = later(-HOUR_MS);
      const a = await insert(submittedBid(target, randomUUID(), { now: later(1000, base) }));
      const b = await insert(submittedBid(target, randomUUID(), { now: later(2000, base) }));
      const c = await insert(submittedBid(target, randomUUID(), { now: later(3000, base) }));
      b.withdraw(new Date());
      await tx.run(() => bids.save(b));
      await insert(submittedBid(challenge(), randomUUID()));

      const page = await bids.listLiveOfChallenge(target.id, { limit: 10 });

      expect(page.items.map((x) => x.id)).toEqual([c.id, a.id]);
      expect(page.nextCursor).toBeNull();
      expect(await bids.countLive(target.id)).toBe(2);
      expect((await bids.liveBidderOrganizations(target.id)).sort()).toEqual([a.organizationId, c.organizationId].sort());
    });

    it('pages the live bids with a cursor', async () => {
      const target = challenge();
      const base = later(-HOUR_MS);
      const inserted: Bid[] = [];
      for (let i = 0; i < 5; i += 1) inserted.push(await insert(submittedBid(target, randomUUID(), { now: later(i * 1000, base) })));

      const first = await bids.listLiveOfChallenge(target.id, { limit: 2 });
      const second = await bids.listLiveOfChallenge(target.id, { limit: 2, cursor: first.nextCursor ?? undefined });
      const third = await bids.listLiveOfChallenge(target.id, { limit: 2, cursor: second.nextCursor ?? undefined });

      expect([...first.items, ...second.items, ...third.items].map((x) => x.id)).toEqual(inserted.map((x) => x.id).reverse());
      expect(third.nextCursor).toBeNull();
    });

    it('finds a bid for its own organization only', async () => {
      const org = randomUUID();
      const bid = await insert(submittedBid(challenge(), org));
      const other = randomUUID();

      expect((await bids.findOfOrganization(bid.id, org))?.id).toBe(bid.id);
      expect(await bids.findOfOrganization(bid.id, other)).toBeNull();
      expect(await tx.run(() => bids.findOfOrganizationForUpdate(bid.id, other))).toBeNull();
      expect((await bids.listOfOrganization(other, { limit: 10 })).items).toEqual([]);
      expect((await bids.listOfOrganization(org, { limit: 10 })).items.map((x) => x.id)).toEqual([bid.id]);
    });

    it('finds an organization’s live bid on a challenge, not its withdrawn one', async () => {
      const target = challenge();
      const org = randomUUID();
      const bid = await insert(submittedBid(target, org));

      expect((await bids.findLiveOfOrganizationOnChallenge(target.id, org))?.id).toBe(bid.id);
      bid.withdraw(new Date());
      await tx.run(() => bids.save(bid));
      expect(await bids.findLiveOfOrganizationOnChallenge(target.id, org)).toBeNull();
    });
  });
});
