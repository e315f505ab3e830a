import { OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { MetricsService } from '@jiebang/platform';
import { assertEveryJobHandled, dispatchJob, QueueHandlers } from '../jobs/job-dispatch';
import { CloseBiddingTransition } from './close-bidding.transition';

/** Thin adapter: payloads carry ids; the transition reloads state and is idempotent. */
@Processor('transitions', { concurrency: 4 })
export class TransitionsProcessor extends WorkerHost implements OnModuleInit {
  private readonly handlers: QueueHandlers<'transitions'>;

  constructor(
    closeBidding: CloseBiddingTransition,
    private readonly metrics: MetricsService,
  ) {
    super();
    this.handlers = { 'close-bidding': ({ challengeId }) => closeBidding.run(challengeId) };
  }

  onModuleInit(): void {
    assertEveryJobHandled('transitions', this.handlers);
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('transitions', this.handlers, job, this.metrics);
  }
}
