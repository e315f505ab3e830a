import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { TransactionHost } from '@jiebang/database';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig, MetricsService, REDIS_CLIENT } from '@jiebang/platform';
import { OutboxMessage, OutboxRepository, QUEUE_NAMES, QueueName, queuePrefix } from '@jiebang/queue';
import { PeriodicTask } from '../jobs/periodic-task';

const BATCH = 200;
const ADD_TIMEOUT_MS = 3000;

/** Key of the marker that tells a Redis which kept our jobs from one that lost them (under the queue prefix). */
/** ioredis states of a first connection still being made (not an outage). */
const STARTING = ['wait', 'connecting', 'connect'];

export const REDIS_EPOCH_KEY = 'jiebang:redis-epoch';

/**
 * Moves committed outbox rows to BullMQ. `jobId` is the row's deterministic key, so a row published twice
 * (a crash between `add` and the commit that marks it sent) makes one job. While Redis is down rows simply
 * stay pending and go out when it is back.
 *
 * Redis may also come back empty (restarted without persistence, failed over to a replica that had not caught up,
 * flushed). The relay keeps a marker key in Redis; when the marker is missing, every message sent in the last
 * OUTBOX_REPLAY_HOURS, and every delayed one not yet due, is marked pending again and published once more. Every
 * job is idempotent, so replaying one that had already run changes nothing; the reconciler covers the
 * time-driven transitions independently.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  /** The marker value last seen in Redis (null before the first pass). */
  private epoch: string | null = null;
  /** null until the first connection settles. */
  private redisWasReady: boolean | null = null;
  private readonly task = new PeriodicTask('outbox relay', this.logger, () => this.relayOnce(), (sent) =>
    sent === BATCH ? 0 : this.config.outboxPollMs,
  );

  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: OutboxRepository,
    private readonly moduleRef: ModuleRef,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    for (const name of QUEUE_NAMES) this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One batch in one transaction; returns how many messages went out. */
  async relayOnce(): Promise<number> {
    if (!this.redisReachable()) return 0;
    await this.replayIfRedisLostData();
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

  /** While Redis is unreachable the rows stay pending; said once per outage, not on every pass. */
  private redisReachable(): boolean {
    const ready = this.redis.status === 'ready';
    if (ready && this.redisWasReady === false) this.logger.log('Redis is reachable again: relaying the outbox');
    if (!ready && this.redisWasReady !== false && !STARTING.includes(this.redis.status)) {
      this.logger.warn({ redis: this.redis.status }, 'Redis is unreachable: outbox messages stay pending until it is back');
    }
    if (ready || !STARTING.includes(this.redis.status)) this.redisWasReady = ready;
    return ready;
  }

  /**
   * Checks the marker (one GET per pass, on the fail-fast request-path client). Missing: replay, then set it (NX,
   * so concurrent relays agree on one value); a relay that crashes in between replays again on its next pass,
   * which is harmless.
   */
  private async replayIfRedisLostData(): Promise<void> {
    const key = `${queuePrefix(this.config.queuePrefix)}:${REDIS_EPOCH_KEY}`;
    const marker = await this.redis.get(key);
    if (marker !== null && marker === this.epoch) return;
    if (marker === null) {
      const since = new Date(Date.now() - this.config.outboxReplayHours * 3600_000);
      const replayed = await this.tx.run(() => this.outbox.markPendingAgain(since));
      await this.redis.set(key, randomUUID(), 'NX');
      if (this.epoch !== null || replayed > 0) {
        this.logger.warn({ replayed, since }, 'Redis has lost its data (or is new): outbox messages marked for publishing again');
        this.metrics.counter('jiebang_outbox_replayed_total', 'Outbox messages published again after Redis lost its data', []).inc(replayed);
      }
    }
    this.epoch = await this.redis.get(key);
  }

  private async publish(message: OutboxMessage): Promise<void> {
    const queue = this.queues.get(message.queue as QueueName);
    if (!queue) throw new Error(`unknown queue ${message.queue}`);
    const delay = message.runAt ? Math.max(0, message.runAt.getTime() - Date.now()) : 0;
    await withTimeout(queue.add(message.jobName, message.payload, { jobId: message.jobKey, delay }), ADD_TIMEOUT_MS);
  }
}

/** A BullMQ call that does not answer within `ms` fails (BullMQ's connections queue commands while offline). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timeout: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error('Redis did not answer in time')), ms);
    }),
  ]).finally(() => clearTimeout(timeout));
}
