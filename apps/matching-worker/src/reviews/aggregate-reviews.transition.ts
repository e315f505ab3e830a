import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import {
  AuditTrail,
  BidRanking,
  BidsRepository,
  ChallengesRepository,
  everyReviewIn,
  ParticipantNotifier,
  reviewerPseudonyms,
  ReviewsRepository,
} from '@jiebang/domain';
import { AggregationInput, aggregateReviews } from '@jiebang/matching';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';

export type AggregateOutcome = 'shortlisted' | 'failed' | 'incomplete' | 'skipped';

/**
 * Aggregation (PRODUCT.md step 6), once every review of a reviewing challenge is in: totals, calibration,
 * trimmed means, intervals, flags, ranks, shortlist — computed by `aggregateReviews` in `libs/matching`. Bid
 * statuses become `shortlisted` or `rejected`, the challenge `shortlisted` or `failed`, and the whole input
 * (scores under reviewer pseudonyms, calibration parameters, method) and result are frozen in the audit chain,
 * so anyone entitled can recompute the ranking. Idempotent: it runs only on a `reviewing` challenge, under its lock.
 */
@Injectable()
export class AggregateReviewsTransition {
  private readonly logger = new Logger(AggregateReviewsTransition.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly challenges: ChallengesRepository,
    private readonly bids: BidsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly audit: AuditTrail,
    private readonly notifier: ParticipantNotifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(challengeId: string): Promise<AggregateOutcome> {
    const outcome = await this.tx.run(async (): Promise<AggregateOutcome> => {
      const challenge = await this.challenges.lockById(challengeId);
      if (!challenge || challenge.status !== 'reviewing') return 'skipped';
      const bids = await this.bids.liveBidsOfChallenge(challengeId, true);
      const assignments = await this.reviews.assignmentsOfChallenge(challengeId);
      if (!everyReviewIn(bids.map((b) => b.id), assignments, challenge.reviewersPerBid)) return 'incomplete';

      const now = await this.tx.databaseNow();
      const reviews = await this.reviews.submittedReviewsOfChallenge(challengeId);
      const pseudonyms = reviewerPseudonyms(assignments);
      const histories = await this.reviews.reviewerHistories([...pseudonyms.keys()]);
      const platform = await this.reviews.platformTotals();
      const input: AggregationInput = {
        criteria: challenge.scorecard.criteria.map((c) => ({ key: c.key, weight: c.weight, maxScore: c.maxScore })),
        passingScore: challenge.passingScore,
        shortlistSize: challenge.shortlistSize,
        bids: bids.map((b) => ({
          bidId: b.id,
          firstSubmittedAt: b.submittedAt.toISOString(),
          reviews: reviews.filter((r) => r.bidId === b.id).map((r) => ({ reviewerId: pseudonyms.get(r.reviewerId) ?? r.reviewerId, scores: r.scores })),
        })),
        calibration: {
          minReviews: this.config.calibrationMinReviews,
          platformMean: platform.mean,
          platformSpread: platform.spread,
          reviewers: Object.fromEntries(
            [...pseudonyms].map(([id, pseudonym]) => [pseudonym, histories.get(id) ?? { count: 0, mean: 0, spread: 0 }]),
          ),
        },
        seed: challengeId,
      };
      const result = aggregateReviews(input);
      await this.reviews.replaceRankings(
        challengeId,
        result.bids.map((r) =>
          Object.assign(new BidRanking(), {
            bidId: r.bidId,
            challengeId,
            rank: r.rank,
            of: result.bids.length,
            score: r.score,
            intervalLow: r.interval[0],
            intervalHigh: r.interval[1],
            reviewCount: r.reviewCount,
            flags: r.flags,
            shortlisted: r.shortlisted,
            criteria: r.criteria,
            method: result.method,
            computedAt: now,
          }),
        ),
      );
      const shortlisted = new Set(result.bids.filter((r) => r.shortlisted).map((r) => r.bidId));
      for (const bid of bids) {
        if (shortlisted.has(bid.id)) bid.shortlist(now);
        else bid.reject(now);
        await this.bids.save(bid);
      }
      challenge.concludeReview(result.outcome, now);
      await this.challenges.save(challenge);
      await this.audit.record({ challengeId, actorId: null, action: 'challenge.ranked', data: { input, result } }, now);
      await this.audit.record(
        { challengeId, actorId: null, action: `challenge.${result.outcome}`, data: { shortlisted: [...shortlisted] } },
        now,
      );
      if (result.outcome === 'shortlisted') {
        await this.notifier.notifyOrganizations(
          [challenge.organizationId],
          {
            type: 'challenge.shortlisted',
            challengeId,
            message: `Every review of 「${challenge.title}」 is in: ${shortlisted.size} bid(s) shortlisted; you can award now.`,
            dedupeKey: `shortlisted:${challengeId}`,
          },
          now,
        );
      } else {
        const notice = {
          type: 'challenge.failed' as const,
          challengeId,
          message: `No bid on 「${challenge.title}」 reached the passing score (${challenge.passingScore}); the challenge failed (流标). Feedback is available.`,
          dedupeKey: `failed:${challengeId}`,
        };
        await this.notifier.notifyOrganizations([challenge.organizationId], notice, now);
        await this.notifier.notifyBidders(challengeId, notice, now);
      }
      return result.outcome;
    });
    if (outcome === 'shortlisted' || outcome === 'failed') this.logger.log({ challengeId, outcome }, 'reviews aggregated');
    return outcome;
  }
}
