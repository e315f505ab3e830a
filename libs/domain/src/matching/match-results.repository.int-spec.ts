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
import { BidAssessment } from './match-results.entity';
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
  describe('assessmentInputs (one joined read)', () => {
    it('reads the revision content, challenge, organization and profile exactly as the ORM does', async () => {
      for (const withProfile of [true, false]) {
        const { challenge, sme, bid } = await seedBid(withProfile);

        const inputs = await results.assessmentInputs(bid.id, 1);

        const manager = db.dataSource.manager;
        expect(inputs?.content).toStrictEqual((await manager.findOneByOrFail(BidRevision, { bidId: bid.id, revision: 1 })).content);
        expect(inputs?.content).toEqual(bid.content());
        expect(inputs?.challenge).toStrictEqual(await manager.findOneByOrFail(Challenge, { id: challenge.id }));
        expect(inputs?.organization).toStrictEqual(await manager.findOneByOrFail(Organization, { id: sme.id }));
        expect(inputs?.profile).toStrictEqual(await manager.findOneBy(EnterpriseProfile, { organizationId: sme.id }));
        expect(inputs?.profile === null).toBe(!withProfile);
      }
    });

    it('is null for an unknown bid or revision', async () => {
      const { bid } = await seedBid(false);
      expect(await results.assessmentInputs(randomUUID(), 1)).toBeNull();
      expect(await results.assessmentInputs(bid.id, 2)).toBeNull();
    });
  });

  describe('saveAssessment', () => {
    it('inserts, then replaces the same revision’s row (a job run twice leaves one row, the last)', async () => {
      const bidId = randomUUID();
      await results.saveAssessment(assessment(bidId, 1, 40));
      const second = assessment(bidId, 1, 80);
      await results.saveAssessment(second);
      await results.saveAssessment(assessment(bidId, 2, 10));

      const rows = await db.dataSource.manager.find(BidAssessment, { where: { bidId }, order: { revision: 'ASC' } });
      expect(rows).toHaveLength(2);
      expect(rows[0]).toStrictEqual(second);
      expect(await results.findAssessment(bidId, 2)).toMatchObject({ total: 10, eligible: false });
    });
  });
});
