import { Injectable, OnModuleInit } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { MetricsService } from '@jiebang/platform';
import { assertEveryJobHandled, dispatchJob, QueueHandlers } from '../jobs/job-dispatch';
import { AggregateReviewsTransition } from '../reviews/aggregate-reviews.transition';
import { AssignReviewersTransition } from '../reviews/assign-reviewers.transition';
import { FinalizePublicityTransition } from '../reviews/finalize-publicity.transition';
import { CloseBiddingTransition } from './close-bidding.transition';

/** Thrown so BullMQ retries the assignment with backoff (the job's attempts and exponential delay). */
export class ReviewerShortageError extends Error {
  constructor(challengeId: string, required: number, available: number) {
    super(`challenge ${challengeId}: ${required} reviewer assignments needed, ${available} possible; retrying`);
    this.name = 'ReviewerShortageError';
  }
}

/**
 * Thin adapter: payloads carry ids; each transition reloads state, locks its challenge and is idempotent. Registered
 * with its worker options by `configuredProcessor` (concurrency 4).
 */
@Injectable()
export class TransitionsProcessor extends WorkerHost implements OnModuleInit {
  private readonly handlers: QueueHandlers<'transitions'>;

  constructor(
    closeBidding: CloseBiddingTransition,
    assignReviewers: AssignReviewersTransition,
    aggregateReviews: AggregateReviewsTransition,
    finalizePublicity: FinalizePublicityTransition,
    private readonly metrics: MetricsService,
  ) {
    super();
    this.handlers = {
      'close-bidding': ({ challengeId }) => closeBidding.run(challengeId),
      'assign-reviewers': async ({ challengeId }) => {
        const result = await assignReviewers.run(challengeId);
        if (result.outcome === 'shortage') throw new ReviewerShortageError(challengeId, result.required, result.available);
        return result;
      },
      'aggregate-reviews': ({ challengeId }) => aggregateReviews.run(challengeId),
      'finalize-publicity': ({ challengeId }) => finalizePublicity.run(challengeId),
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled('transitions', this.handlers);
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('transitions', this.handlers, job, this.metrics);
  }
}
