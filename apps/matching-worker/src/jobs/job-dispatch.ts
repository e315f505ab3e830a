import { Job } from 'bullmq';
import { MetricsService } from '@jiebang/platform';
import { JobCatalog, jobNamesOf, JobsOf, QueueName } from '@jiebang/queue';

/** One handler per job of a queue: the type makes a missing handler a compile error. */
export type QueueHandlers<Q extends QueueName> = { [N in JobsOf<Q>]: (payload: JobCatalog[N]) => Promise<unknown> };

/** Start-up check (habit 5): fails when a job of the queue has no handler. */
export function assertEveryJobHandled<Q extends QueueName>(queue: Q, handlers: QueueHandlers<Q>): void {
  const missing = jobNamesOf(queue).filter((name) => !(name in handlers));
  if (missing.length > 0) throw new Error(`${queue} queue: no handler for ${missing.join(', ')}`);
}

/** Runs a job's handler, timing it by job name and outcome (jiebang_job_duration_seconds). */
export async function dispatchJob<Q extends QueueName>(queue: Q, handlers: QueueHandlers<Q>, job: Job, metrics: MetricsService): Promise<unknown> {
  const handler = (handlers as Record<string, ((payload: unknown) => Promise<unknown>) | undefined>)[job.name];
  if (!handler) throw new Error(`unknown job ${job.name} on the ${queue} queue`);
  const end = metrics
    .histogram('jiebang_job_duration_seconds', 'Job duration by name and outcome', ['job', 'outcome'], [0.01, 0.05, 0.1, 0.5, 1, 5, 30])
    .startTimer({ job: job.name });
  try {
    const result = await handler(job.data);
    end({ outcome: 'completed' });
    return result;
  } catch (error) {
    end({ outcome: 'failed' });
    throw error;
  }
}
