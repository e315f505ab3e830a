import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TransactionHost } from '@jiebang/database';
import { later, publishedChallenge, user } from '../../../../test/support/factories';
import { openTestDataSource } from '../../../../test/support/test-database';
import { Challenge } from '../challenges/challenge.entity';
import { ChallengesRepository } from '../challenges/challenges.repository';
import { ReviewerProfile } from '../identity/reviewer-profile.entity';
import { ReviewerProfilesRepository, UsersRepository } from '../identity/identity.repositories';
import { ReviewAssignment } from './review-assignment.entity';
import { Review } from './review.entity';
import { ReviewersRepository } from './reviewers.repository';
import { ReviewsRepository } from './reviews.repository';

let db: { dataSource: DataSource; close: () => Promise<void> };
let tx: TransactionHost;
let reviews: ReviewsRepository;
let reviewers: ReviewersRepository;
let challenges: ChallengesRepository;

beforeAll(async () => {
  db = await openTestDataSource();
  tx = new TransactionHost(db.dataSource);
  reviews = new ReviewsRepository(tx);
  reviewers = new ReviewersRepository(tx);
  challenges = new ChallengesRepository(tx);
});
afterAll(() => db?.close());

const NOW = new Date('2030-05-01T08:00:00Z');

async function reviewer(status: 'pending' | 'approved' | 'suspended'): Promise<string> {
  const u = user({ role: 'reviewer' });
  await new UsersRepository(tx).insert(u);
  const profile = ReviewerProfile.register(u.id, ['伺服'], [], NOW);
  profile.status = status;
  await new ReviewerProfilesRepository(tx).insert(profile);
  return u.id;
}

async function challengeIn(status: 'reviewing' | 'awarded'): Promise<Challenge> {
  const c = publishedChallenge({ now: NOW });
  c.close(1, later(1000, c.bidDeadline));
  c.startReviewing(later(1000, c.bidDeadline));
  if (status === 'awarded') c.status = 'awarded';
  await challenges.insert(c, '');
  return c;
}

describe('ReviewersRepository.pool', () => {
  it('offers approved reviewers below the load limit, counting open assignments on challenges still in review', async () => {
    const [busy, free, pending, suspended] = [await reviewer('approved'), await reviewer('approved'), await reviewer('pending'), await reviewer('suspended')];
    const open = await challengeIn('reviewing');
    const done = await challengeIn('awarded');
    const assign = (challenge: Challenge, reviewerId: string) =>
      ReviewAssignment.assign({ challengeId: challenge.id, bidId: randomUUID(), reviewerId, affinity: 10 }, NOW);
    await reviews.insertAssignments([assign(open, busy), assign(open, busy), assign(done, free), assign(done, free), assign(done, free)]);

    const pool = await reviewers.pool(2);
    const ids = pool.map((r) => r.id);
    expect(ids).toContain(free); // its three assignments are on a finished challenge
    expect(ids).not.toContain(busy); // two open assignments: at the limit
    expect(ids).not.toContain(pending);
    expect(ids).not.toContain(suspended);
    expect((await reviewers.pool(3)).find((r) => r.id === busy)?.openAssignments).toBe(2);
    const listed = await reviewers.list({ id: busy, limit: 1 });
    expect(listed.items[0]).toMatchObject({ id: busy, status: 'approved', openAssignments: 2 });
  });

  it('keeps one row per (bid, reviewer) however often an assignment is inserted', async () => {
    const r = await reviewer('approved');
    const c = await challengeIn('reviewing');
    const bidId = randomUUID();
    await reviews.insertAssignments([ReviewAssignment.assign({ challengeId: c.id, bidId, reviewerId: r, affinity: 1 }, NOW)]);
    await reviews.insertAssignments([ReviewAssignment.assign({ challengeId: c.id, bidId, reviewerId: r, affinity: 99 }, NOW)]);
    const rows = await reviews.assignmentsOfChallenge(c.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].affinity).toBe(1);
  });
});

describe('ReviewsRepository calibration statistics', () => {
  it('computes each reviewer’s count, mean and population spread of submitted totals', async () => {
    const r = await reviewer('approved');
    const c = await challengeIn('reviewing');
    for (const total of [60, 70, 80]) {
      const a = ReviewAssignment.assign({ challengeId: c.id, bidId: randomUUID(), reviewerId: r, affinity: 1 }, NOW);
      const review = Review.start(a, NOW);
      review.write({ criteria: [{ key: 'k', name: 'k', weight: 100, maxScore: 100 }], scores: { k: total }, comment: '', privateNote: null, submitWith: () => total }, NOW);
      await reviews.saveReview(review);
    }
    const draft = Review.start(ReviewAssignment.assign({ challengeId: c.id, bidId: randomUUID(), reviewerId: r, affinity: 1 }, NOW), NOW);
    await reviews.saveReview(draft); // drafts never count
    const history = (await reviews.reviewerHistories([r])).get(r);
    expect(history?.count).toBe(3);
    expect(history?.mean).toBeCloseTo(70, 10);
    expect(history?.spread).toBeCloseTo(Math.sqrt(200 / 3), 10);
    const platform = await reviews.platformTotals();
    expect(platform.count).toBeGreaterThanOrEqual(3);
  });
});
