import { OnModuleInit } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { MetricsService } from '@jiebang/platform';
import { JobCatalog, jobNamesOf, JobsOf } from '@jiebang/queue';
import { CloseBiddingTransition } from './close-bidding.transition';

type Handlers = { [N in JobsOf<'transitions'>]: (payload: JobCatalog[N]) => Promise<unknown> };

/** Thin adapter: payloads carry ids; the transition reloads state and is idempotent. */
@Processor('transitions', { concurrency: 4 })
export class TransitionsProcessor extends WorkerHost implements OnModuleInit {
  private readonly handlers: Handlers;

  constructor(
    closeBidding: CloseBiddingTransition,
    private readonly metrics: MetricsService,
  ) {
    super();
    this.handlers = { 'close-bidding': ({ challengeId }) => closeBidding.run(challengeId) };
  }

  /** Start-up fails if a job of this queue has no handler. */
  onModuleInit(): void {
    const missing = jobNamesOf('transitions').filter((name) => !(name in this.handlers));
    if (missing.length > 0) throw new Error(`transitions queue: no handler for ${missing.join(', ')}`);
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobsOf<'transitions'>;
    const handler = this.handlers[name];
    if (!handler) throw new Error(`unknown job ${job.name} on the transitions queue`);
    const timer = this.metrics.histogram('jiebang_job_duration_seconds', 'Job duration by name and outcome', ['job', 'outcome'], [0.01, 0.05, 0.1, 0.5, 1, 5, 30]);
    const end = timer.startTimer({ job: name });
    try {
      const result = await handler(job.data as JobCatalog[typeof name]);
      end({ outcome: 'completed' });
      return result;
    } catch (error) {
      end({ outcome: 'failed' });
      throw error;
    }
  }
}
