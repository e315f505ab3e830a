import { BeforeApplicationShutdown } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import type { AppConfig } from '@jiebang/platform';
import type { QueueName } from '@jiebang/queue';

/**
 * `@Processor` takes its worker options at class definition, but the lock duration comes from configuration. Each
 * `MatchingWorkerModule.forRoot(config)` therefore registers a subclass of the processor decorated with that
 * configuration's options (two workers with different settings in one process never share metadata).
 *
 * The lock is renewed while a job runs; when a worker dies (SIGKILL, lost host) its active jobs count as stalled
 * once the lock expires and another worker (or the same one, restarted) takes them again. The stalled check runs
 * at the same interval as the lock lasts.
 */
/** A processor class: a WorkerHost with its `process`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ProcessorClass = new (...args: any[]) => WorkerHost & { process(job: Job): Promise<unknown> };

export function configuredProcessor<T extends ProcessorClass>(
  base: T,
  queue: QueueName,
  config: AppConfig,
  options: Omit<WorkerOptions, 'connection'>,
): T {
  const Configured = class extends base implements BeforeApplicationShutdown {
    /**
     * Stop taking jobs and wait for the active ones before any pool or connection closes (Nest closes those in
     * `onApplicationShutdown`, after this hook). A job still running when SHUTDOWN_GRACE_MS ends is handed back:
     * its lock expires and another worker takes it as stalled.
     */
    async beforeApplicationShutdown(): Promise<void> {
      await this.worker.close();
    }
  };
  Object.defineProperty(Configured, 'name', { value: base.name });
  Processor(queue, { ...options, lockDuration: config.jobs.lockMs, stalledInterval: config.jobs.lockMs })(Configured);
  return Configured;
}
