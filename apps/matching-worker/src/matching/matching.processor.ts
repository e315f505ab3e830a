import { Injectable, OnModuleInit } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { MetricsService } from '@jiebang/platform';
import { assertEveryJobHandled, dispatchJob, QueueHandlers } from '../jobs/job-dispatch';
import { MatchingHandlers } from './matching.handlers';

/**
 * The matching queue. Ranking one challenge takes milliseconds on the in-memory index and the index build
 * yields between batches, so the event loop stays free for BullMQ's lock renewal without a sandbox. Registered with
 * its worker options by `configuredProcessor` (concurrency 2).
 */
@Injectable()
export class MatchingProcessor extends WorkerHost implements OnModuleInit {
  private readonly handlers: QueueHandlers<'matching'>;

  constructor(
    handlers: MatchingHandlers,
    private readonly metrics: MetricsService,
  ) {
    super();
    this.handlers = {
      'match-challenge': ({ challengeId }) => handlers.matchChallenge(challengeId),
      'rematch-enterprise': ({ organizationId }) => handlers.rematchEnterprise(organizationId),
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
