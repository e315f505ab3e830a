import { Injectable } from '@nestjs/common';
import {
  Actor,
  BidsRepository,
  Challenge,
  ChallengesRepository,
  InvalidStateError,
  NotFoundError,
  ObjectionsRepository,
  RankingRow,
  reviewerPseudonyms,
  ReviewsRepository,
} from '@jiebang/domain';
import { ChallengeReviewListResponse, RankingResponse, ResultResponse } from './award.dto';

const RANKED_STATUSES = ['shortlisted', 'publicity', 'awarded', 'failed'];

/** What review produced, as the lead and admins read it (ranking, reviews), and the public result. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly challenges: ChallengesRepository,
    private readonly bids: BidsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly objections: ObjectionsRepository,
  ) {}

  async ranking(actor: Actor, challengeId: string): Promise<RankingResponse> {
    const { ranking } = await this.ranked(actor, challengeId);
    const statuses = new Map((await this.bids.liveBidsOfChallenge(challengeId)).map((b) => [b.id, b.status]));
    return {
      items: ranking.map((r) => ({
        bidId: r.bidId,
        organizationName: r.organizationName,
        rank: r.rank,
        score: r.score,
        interval: [r.intervalLow, r.intervalHigh],
        reviewCount: r.reviewCount,
        flags: r.flags,
        shortlisted: r.shortlisted,
        status: statuses.get(r.bidId) ?? 'rejected',
      })),
      method: ranking[0].method,
      computedAt: ranking[0].computedAt.toISOString(),
    };
  }

  /** Every submitted review under stable pseudonyms; private notes are for the lead and admins (the only readers). */
  async reviewsOf(actor: Actor, challengeId: string): Promise<ChallengeReviewListResponse> {
    await this.ranked(actor, challengeId);
    const pseudonyms = reviewerPseudonyms(await this.reviews.assignmentsOfChallenge(challengeId));
    const rows = await this.reviews.submittedReviewsOfChallenge(challengeId);
    const admin = actor.role === 'admin';
    return {
      items: rows
        .map((r) => ({
          bidId: r.bidId,
          reviewer: pseudonyms.get(r.reviewerId) ?? 'Reviewer',
          ...(admin ? { reviewerId: r.reviewerId } : {}),
          scores: r.scores,
          total: r.total ?? 0,
          comment: r.comment,
          privateNote: r.privateNote,
        }))
        .sort((x, y) => (x.bidId < y.bidId ? -1 : x.bidId > y.bidId ? 1 : Number(x.reviewer.slice(9)) - Number(y.reviewer.slice(9)))),
    };
  }

  /** The public result: from the first award on (after an upheld objection too), anyone, no token needed. */
  async result(challengeId: string): Promise<ResultResponse> {
    const challenge = await this.challenges.findVisible(challengeId, null);
    if (!challenge) throw new NotFoundError('Challenge');
    return this.resultOf(challenge);
  }

  async resultOf(challenge: Challenge): Promise<ResultResponse> {
    if (!challenge.hasResult || !challenge.publicityEndsAt) {
      throw new InvalidStateError(`The challenge is ${challenge.status}; there is no result before the first award.`);
    }
    const winners = (await this.bids.liveBidsOfChallenge(challenge.id)).filter((b) => b.status === 'awarded');
    const names = new Map((await this.reviews.rankingOf(challenge.id)).map((r) => [r.bidId, r.organizationName]));
    return {
      status: challenge.status,
      winners: winners.map((b) => ({ bidId: b.id, organizationName: names.get(b.id) ?? '' })),
      publicityEndsAt: challenge.publicityEndsAt.toISOString(),
      openObjections: await this.objections.countOpen(challenge.id),
    };
  }

  /** The owner's (or, for admins, any) challenge with its ranking; 409 before review has ranked it. */
  private async ranked(actor: Actor, challengeId: string): Promise<{ challenge: Challenge; ranking: RankingRow[] }> {
    const challenge = await this.challenges.findVisible(challengeId, actor);
    if (!challenge || (actor.role !== 'admin' && challenge.organizationId !== actor.organizationId)) throw new NotFoundError('Challenge');
    const ranking = RANKED_STATUSES.includes(challenge.status) ? await this.reviews.rankingOf(challengeId) : [];
    if (ranking.length === 0) throw new InvalidStateError(`The challenge is ${challenge.status}; the ranking exists from shortlisted on.`);
    return { challenge, ranking };
  }
}
