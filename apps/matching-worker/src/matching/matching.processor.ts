import { Injectable, OnModuleInit } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { MetricsService } from '@jiebang/platform';
import { Permits } from '../jobs/permits';
import { assertEveryJobHandled, dispatchJob, QueueHandlers } from '../jobs/job-dispatch';
import { MatchingHandlers } from './matching.handlers';
import { HEAVY_MATCHING_JOBS } from './matching-limits';

/**
 * The matching queue. Ranking one challenge takes milliseconds on the in-memory index and the index build
 * yields between batches, so the event loop stays free for BullMQ's lock renewal without a sandbox. Registered with
 * its worker options by `configuredProcessor`: MATCHING_CONCURRENCY jobs at once, so that `assess-bid` jobs, a few
 * round trips each, overlap and share batches (bench/README.md, queue throughput); the two ranking jobs, which
 * hold the CPU for milliseconds and write hundreds of rows, take one of HEAVY_MATCHING_JOBS permits first.
 */
@Injectable()
export class MatchingProcessor extends WorkerHost implements OnModuleInit {
  private readonly handlers: QueueHandlers<'matching'>;

  constructor(
    handlers: MatchingHandlers,
    private readonly metrics: MetricsService,
  ) {
    super();
    const heavy = new Permits(HEAVY_MATCHING_JOBS);
    this.handlers = {
      'match-challenge': ({ challengeId }) => heavy.run(() => handlers.matchChallenge(challengeId)),
      'rematch-enterprise': ({ organizationId }) => heavy.run(() => handlers.rematchEnterprise(organizationId)),
      'assess-bid': ({ bidId, revision }) => handlers.assessBid(bidId, revision),
    };
  }

  onModuleInit(): void {
    assertEveryJobHandled('matching', this.handlers);
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('matching', this.handlers, job, this.metrics);
  }
}
