import { randomUUID } from 'node:crypto';
import { later, publishedChallenge, submittedBid } from '../../../../test/support/factories';
import { Objection } from '../awards/objection.entity';
import { Challenge } from '../challenges/challenge.entity';
import { ReviewAssignment } from './review-assignment.entity';
import { Review, reviewScoreProblems } from './review.entity';
import { reviewerPseudonyms } from './reviewer-pseudonyms';

const criteria = [
  { key: 'technical', name: '技术方案', weight: 60, maxScore: 10 },
  { key: 'price', name: '报价', weight: 40, maxScore: 5 },
];

/** A challenge walked to `reviewing` (published, deadline passed, closed with bids, reviewers assigned). */
function reviewingChallenge(): { challenge: Challenge; now: Date } {
  const start = new Date('2026-01-01T00:00:00Z');
  const challenge = publishedChallenge({ now: start, content: { maxWinners: 2, shortlistSize: 3 } });
  const now = later(1000, challenge.bidDeadline);
  challenge.close(2, now);
  challenge.startReviewing(now);
  return { challenge, now };
}

describe('challenge lifecycle after the bids are opened', () => {
  it('moves closed → reviewing → shortlisted → publicity → awarded, each step once', () => {
    const { challenge, now } = reviewingChallenge();
    expect(challenge.status).toBe('reviewing');
    expect(() => challenge.startReviewing(now)).toThrow(/reviewing/);
    challenge.concludeReview('shortlisted', now);
    challenge.award(2, 3600, now);
    expect(challenge.status).toBe('publicity');
    expect(challenge.publicityEndsAt).toEqual(later(3_600_000, now));
    expect(challenge.hasResult).toBe(true);
    expect(challenge.isDueForFinalization(later(3_599_000, now))).toBe(false);
    expect(() => challenge.finalize(later(3_599_000, now))).toThrow(/cannot be finalised/);
    challenge.finalize(later(3_600_000, now));
    expect(challenge.status).toBe('awarded');
    expect(challenge.awardedAt).toEqual(later(3_600_000, now));
  });

  it('refuses more winners than maxWinners (422) and awarding outside shortlisted (409)', () => {
    const { challenge, now } = reviewingChallenge();
    expect(() => challenge.award(1, 60, now)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    challenge.concludeReview('shortlisted', now);
    expect(() => challenge.award(3, 60, now)).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION' }));
    expect(() => challenge.award(0, 60, now)).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION' }));
  });

  it('returns to shortlisted after an upheld objection and keeps the result readable', () => {
    const { challenge, now } = reviewingChallenge();
    challenge.concludeReview('shortlisted', now);
    challenge.award(1, 60, now);
    challenge.reopenShortlist(now);
    expect(challenge.status).toBe('shortlisted');
    expect(challenge.hasResult).toBe(true);
    challenge.award(2, 60, later(5000, now)); // a new award starts a new publicity period
    expect(challenge.publicityEndsAt).toEqual(later(65_000, now));
  });

  it('fails when no bid passes', () => {
    const { challenge, now } = reviewingChallenge();
    challenge.concludeReview('failed', now);
    expect(challenge.status).toBe('failed');
    expect(challenge.hasResult).toBe(false);
  });
});

describe('bid statuses from review to award', () => {
  const challenge = { id: randomUUID(), kpis: [] };
  const now = new Date();

  it('shortlists, awards, revokes, disqualifies and rejects only from the statuses that allow it', () => {
    const bid = submittedBid(challenge, randomUUID());
    expect(() => bid.award(now)).toThrow(/submitted bid cannot become awarded/);
    bid.shortlist(now);
    bid.award(now);
    bid.award(now); // a new award keeping it is harmless
    bid.revokeAward(now);
    expect(bid.status).toBe('shortlisted');
    bid.disqualify(now);
    expect(bid.status).toBe('disqualified');
    expect(() => bid.award(now)).toThrow(/disqualified/);
    const other = submittedBid(challenge, randomUUID());
    other.reject(now);
    expect(other.status).toBe('rejected');
    expect(() => other.shortlist(now)).toThrow();
  });
});

describe('review assignments and reviews', () => {
  const now = new Date();
  const assignment = () => ReviewAssignment.assign({ challengeId: randomUUID(), bidId: randomUUID(), reviewerId: randomUUID(), affinity: 42 }, now);

  it('declines or submits an open assignment once', () => {
    const a = assignment();
    a.decline('conflict', '曾任顾问', now);
    expect(a).toMatchObject({ status: 'declined', declineReason: 'conflict', declineDetail: '曾任顾问' });
    expect(() => a.markSubmitted(now)).toThrow(/declined/);
    const b = assignment();
    b.markSubmitted(now);
    expect(() => b.decline('unavailable', null, now)).toThrow(/submitted/);
  });

  it('checks scores against the scorecard: range, unknown keys, completeness to submit', () => {
    expect(reviewScoreProblems(criteria, { technical: 10, price: 5 }, true)).toEqual([]);
    expect(reviewScoreProblems(criteria, { technical: 7 }, false)).toEqual([]);
    expect(reviewScoreProblems(criteria, { technical: 7 }, true).map((p) => p.field)).toEqual(['scores.price']);
    expect(reviewScoreProblems(criteria, { technical: 10.5, price: -1, style: 3 }, false).map((p) => p.field).sort()).toEqual([
      'scores.price',
      'scores.style',
      'scores.technical',
    ]);
  });

  it('saves drafts, then submits once; a submitted review is final', () => {
    const review = Review.start(assignment(), now);
    review.write({ criteria, scores: { technical: 6 }, comment: '草稿', privateNote: null, submitWith: null }, now);
    expect(review).toMatchObject({ status: 'draft', total: null });
    expect(() => review.write({ criteria, scores: { technical: 6 }, comment: '', privateNote: null, submitWith: () => 36 }, now)).toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATION' }),
    );
    review.write({ criteria, scores: { technical: 6, price: 5 }, comment: '好', privateNote: '内部', submitWith: () => 76 }, now);
    expect(review).toMatchObject({ status: 'submitted', total: 76, comment: '好', privateNote: '内部' });
    expect(() => review.write({ criteria, scores: {}, comment: '', privateNote: null, submitWith: null }, now)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });

  it('names reviewers with stable pseudonyms by first assignment, submitted reviews only', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const names = reviewerPseudonyms([
      { reviewerId: 'b', status: 'submitted', assignedAt: at(2) },
      { reviewerId: 'a', status: 'submitted', assignedAt: at(2) },
      { reviewerId: 'c', status: 'submitted', assignedAt: at(1) },
      { reviewerId: 'd', status: 'declined', assignedAt: at(0) },
      { reviewerId: 'c', status: 'submitted', assignedAt: at(5) },
    ]);
    expect([...names]).toEqual([
      ['c', 'Reviewer 1'],
      ['a', 'Reviewer 2'],
      ['b', 'Reviewer 3'],
    ]);
  });
});

describe('objections', () => {
  it('are resolved once, recording who decided and why', () => {
    const now = new Date();
    const o = Objection.file({ challengeId: randomUUID(), bidId: null, objectorId: randomUUID(), reason: '程序问题', evidence: '材料' }, now);
    expect(o.status).toBe('open');
    const admin = randomUUID();
    o.resolve('dismissed', '程序合规', admin, now);
    expect(o).toMatchObject({ status: 'dismissed', resolutionNote: '程序合规', resolvedBy: admin, resolvedAt: now });
    expect(() => o.resolve('upheld', 'x', admin, now)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });
});
