import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { TransactionHost } from '@jiebang/database';
import { APP_CONFIG, AppConfig, MetricsService } from '@jiebang/platform';
import { OutboxMessage, OutboxRepository, QUEUE_NAMES, QueueName } from '@jiebang/queue';
import { PeriodicTask } from '../jobs/periodic-task';

const BATCH = 200;
const ADD_TIMEOUT_MS = 3000;

/**
 * Moves committed outbox rows to BullMQ. `jobId` is the row's deterministic key, so a row published twice
 * (a crash between `add` and the commit that marks it sent) makes one job. While Redis is down rows simply
 * stay pending and go out when it is back.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private readonly task = new PeriodicTask('outbox relay', this.logger, () => this.relayOnce(), (sent) =>
    sent === BATCH ? 0 : this.config.outboxPollMs,
  );

  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: OutboxRepository,
    private readonly moduleRef: ModuleRef,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of QUEUE_NAMES) this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One batch in one transaction; returns how many messages went out. */
  async relayOnce(): Promise<number> {
    return this.tx.run(async () => {
      const messages = await this.outbox.claimPending(BATCH);
      const sent: string[] = [];
      for (const message of messages) {
        try {
          await this.publish(message);
          sent.push(message.id);
        } catch (error) {
          await this.outbox.markFailed(message.id, error instanceof Error ? error.message : String(error));
          this.logger.warn({ err: error, outboxId: message.id, job: message.jobName }, 'could not publish; will retry');
          break; // Redis is likely down: keep order, try again next pass
        }
      }
      await this.outbox.markSent(sent, new Date());
      if (sent.length > 0) this.metrics.counter('jiebang_outbox_published_total', 'Outbox messages published to BullMQ', []).inc(sent.length);
      return sent.length;
    });
  }

  private async publish(message: OutboxMessage): Promise<void> {
    const queue = this.queues.get(message.queue as QueueName);
    if (!queue) throw new Error(`unknown queue ${message.queue}`);
    const delay = message.runAt ? Math.max(0, message.runAt.getTime() - Date.now()) : 0;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      queue.add(message.jobName, message.payload, { jobId: message.jobKey, delay }),
      new Promise((_, reject) => {
        timeout = setTimeout(() => reject(new Error('Redis did not answer in time')), ADD_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timeout));
  }
}
