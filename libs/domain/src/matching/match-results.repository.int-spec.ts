import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@jiebang/database';
import { openTestDataSource } from '../../../../test/support/test-database';
import { enterpriseProfileContent, organization, publishedChallenge, submittedBid } from '../../../../test/support/factories';
import { BidRevision } from '../bids/bid-revision.entity';
import { BidsRepository } from '../bids/bids.repository';
import { Challenge } from '../challenges/challenge.entity';
import { EnterpriseProfile } from '../enterprises/enterprise-profile.entity';
import { Organization } from '../identity/organization.entity';
import { BidAssessment, Recommendation } from './match-results.entity';
import { MatchResultsRepository } from './match-results.repository';

let db: { dataSource: DataSource; close: () => Promise<void> };
let tx: TransactionHost;
let results: MatchResultsRepository;
let bids: BidsRepository;

beforeAll(async () => {
  db = await openTestDataSource();
  tx = new TransactionHost(db.dataSource);
  results = new MatchResultsRepository(tx);
  bids = new BidsRepository(tx);
});

afterAll(async () => {
  await db?.close();
});

/** A published challenge, an SME (with a profile when asked) and its bid, stored. */
async function seedBid(withProfile: boolean) {
  const manager = db.dataSource.manager;
  const challenge = publishedChallenge();
  await manager.insert(Challenge, challenge);
  const sme = organization();
  await manager.insert(Organization, sme);
  if (withProfile) {
    await manager.insert(EnterpriseProfile, EnterpriseProfile.create(sme.id, enterpriseProfileContent({ certifications: ['ISO9001'] }), new Date()));
  }
  const bid = submittedBid(challenge, sme.id);
  await tx.run(() => bids.insert(bid, bid.submittedAt));
  return { challenge, sme, bid };
}

function assessment(bidId: string, revision: number, total: number): BidAssessment {
  return Object.assign(new BidAssessment(), {
    bidId,
    revision,
    method: 'test/1',
    eligible: total > 50,
    reasons: total > 50 ? [] : [{ rule: 'size', message: 'too large' }],
    fit: { score: total / 100 },
    price: { ratio: 0.9 },
    duration: { days: 180 },
    total,
    explanation: { method: 'test/1', score: total, signals: [], reasons: [] },
    computedAt: new Date(),
  });
}

describe('MatchResultsRepository', () => {
  describe('assessmentInputs (one joined read per batch)', () => {
    it('reads each revision’s content, challenge, organization and profile exactly as the ORM does, in the keys’ order', async () => {
      const seeded = [await seedBid(true), await seedBid(false), await seedBid(true)];
      const keys = [...seeded].reverse().map(({ bid }) => ({ bidId: bid.id, revision: 1 }));

      const batch = await results.assessmentInputs(keys);

      expect(batch).toHaveLength(3);
      const manager = db.dataSource.manager;
      for (const [i, { challenge, sme, bid }] of [...seeded].reverse().entries()) {
        const inputs = batch[i];
        expect(inputs?.content).toStrictEqual((await manager.findOneByOrFail(BidRevision, { bidId: bid.id, revision: 1 })).content);
        expect(inputs?.content).toEqual(bid.content());
        expect(inputs?.challenge).toStrictEqual(await manager.findOneByOrFail(Challenge, { id: challenge.id }));
        expect(inputs?.organization).toStrictEqual(await manager.findOneByOrFail(Organization, { id: sme.id }));
        expect(inputs?.profile).toStrictEqual(await manager.findOneBy(EnterpriseProfile, { organizationId: sme.id }));
      }
      expect(batch.map((inputs) => inputs?.profile === null)).toEqual([false, true, false]);
    });

    it('gives null for an unknown bid or revision, in its place, and the same inputs for a key asked twice', async () => {
      const { bid } = await seedBid(false);
      const known = { bidId: bid.id, revision: 1 };

      const batch = await results.assessmentInputs([{ bidId: randomUUID(), revision: 1 }, known, { bidId: bid.id, revision: 2 }, known]);

      expect(batch.map((inputs) => inputs?.organization.id ?? null)).toEqual([null, bid.organizationId, null, bid.organizationId]);
      expect(batch[3]).toStrictEqual(batch[1]);
      expect(await results.assessmentInputs([])).toEqual([]);
    });

    it('fails for a key that is not a bid id (the worker then runs that job alone)', async () => {
      await expect(results.assessmentInputs([{ bidId: 'not-a-uuid', revision: 1 }])).rejects.toThrow(/uuid/);
    });
  });

  describe('saveAssessments (one statement per batch)', () => {
    it('inserts, then replaces the same revision’s row: rows equal to what the ORM reads back, a key twice in one batch written once (the last)', async () => {
      const bidId = randomUUID();
      await results.saveAssessments([assessment(bidId, 1, 40), assessment(bidId, 2, 10)]);
      const replaced = assessment(bidId, 1, 80);
      const last = assessment(bidId, 2, 60);
      await results.saveAssessments([replaced, assessment(bidId, 2, 20), last]);

      const rows = await db.dataSource.manager.find(BidAssessment, { where: { bidId }, order: { revision: 'ASC' } });
      expect(rows).toStrictEqual([replaced, last]);
      expect(await results.findAssessment(bidId, 2)).toMatchObject({ total: 60, eligible: true });
      await expect(results.saveAssessments([])).resolves.toBeUndefined();
    });

    it('writes JSON, text with quotes and backslashes, and timestamps unchanged through the array parameters', async () => {
      const bidId = randomUUID();
      const tricky = Object.assign(assessment(bidId, 1, 30), {
        method: 'a "quoted", {braced} \\ back\\slashed, 中文',
        reasons: [{ rule: 'x', message: 'NULL' }],
        explanation: { method: 'm', score: 1, signals: [], reasons: ['"', '\\', '{', 'NULL', '', '伺服'] },
        computedAt: new Date('2026-11-24T08:00:00.123Z'),
      });
      await results.saveAssessments([tricky]);
      expect(await results.findAssessment(bidId, 1)).toStrictEqual(tricky);
    });

    it('refuses a batch where some assessments lack a column the others have', async () => {
      const partial = Object.assign(assessment(randomUUID(), 1, 30), { computedAt: undefined });
      await expect(results.saveAssessments([assessment(randomUUID(), 1, 30), partial])).rejects.toThrow(/computedAt is missing/);
    });
  });

  describe('listOpenRecommendations (pages)', () => {
    /** An SME with recommendations on open challenges at the given scores, plus one on a closed challenge. */
    async function seedRecommendations(scores: number[]) {
      const manager = db.dataSource.manager;
      const sme = organization();
      await manager.insert(Organization, sme);
      const challenges = scores.map(() => publishedChallenge());
      const closed = Object.assign(publishedChallenge(), { status: 'closed' as Challenge['status'] });
      await manager.insert(Challenge, [...challenges, closed]);
      const recommendation = (challengeId: string, score: number) =>
        Object.assign(new Recommendation(), {
          organizationId: sme.id,
          challengeId,
          score,
          eligible: true,
          explanation: { method: 'test/1', score, signals: [], reasons: [] },
          method: 'test/1',
          computedAt: new Date(),
        });
      await results.replaceRecommendations(sme.id, [
        ...challenges.map((c, i) => recommendation(c.id, scores[i])),
        recommendation(closed.id, 99),
      ]);
      return { sme, challenges };
    }

    async function allPages(organizationId: string, limit: number) {
      const pages = [];
      let cursor: string | undefined;
      do {
        const page = await results.listOpenRecommendations(organizationId, limit, cursor);
        pages.push(page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && pages.length < 20);
      return pages;
    }

    it('pages through every open recommendation once, best first, ties by challenge id, ranked among them all', async () => {
      // Ties (70 twice, 1/3 twice) and scores that are not exact in decimal: the cursor must not lose precision.
      const scores = [70, 1 / 3, 88.25, 70, 1 / 3, 0.1 + 0.2, 95];
      const { sme } = await seedRecommendations(scores);

      const whole = (await results.listOpenRecommendations(sme.id, 100)).items;
      const pages = await allPages(sme.id, 2);

      expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
      expect(pages.flat()).toEqual(whole);
      expect(whole.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const expected = [...whole].sort((a, b) => b.score - a.score || (a.challengeId < b.challengeId ? -1 : 1));
      expect(whole.map((r) => r.challengeId)).toEqual(expected.map((r) => r.challengeId));
      expect(whole.map((r) => r.score)).toEqual([...scores].sort((a, b) => b - a));
    });

    it('ends with a null cursor, and an exact page has no empty page after it', async () => {
      const { sme } = await seedRecommendations([10, 20]);

      const page = await results.listOpenRecommendations(sme.id, 2);

      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).toBeNull();
      expect((await results.listOpenRecommendations(sme.id, 1)).nextCursor).toEqual(expect.any(String));
    });

    it('neither repeats nor skips a challenge when one on an earlier page closes between pages', async () => {
      const { sme, challenges } = await seedRecommendations([90, 80, 70, 60]);

      const first = await results.listOpenRecommendations(sme.id, 2);
      await db.dataSource.query(`UPDATE challenges SET status = 'closed' WHERE id = $1`, [challenges[0].id]);
      const second = await results.listOpenRecommendations(sme.id, 2, first.nextCursor ?? undefined);

      expect(first.items.map((r) => r.score)).toEqual([90, 80]);
      expect(second.items.map((r) => r.score)).toEqual([70, 60]);
      // Ranks are among the challenges open now: the closed one no longer counts.
      expect(second.items.map((r) => r.rank)).toEqual([2, 3]);
      expect(second.nextCursor).toBeNull();
    });

    it('refuses a cursor of another list with VALIDATION_FAILED', async () => {
      const { sme } = await seedRecommendations([50]);
      const timeCursor = Buffer.from(`2030-01-01T00:00:00.000Z|${randomUUID()}`).toString('base64url');

      await expect(results.listOpenRecommendations(sme.id, 2, timeCursor)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });
});
