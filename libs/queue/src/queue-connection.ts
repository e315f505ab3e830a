import type { ConnectionOptions, QueueOptions } from 'bullmq';

/**
 * BullMQ connection and key prefix. The prefix is wrapped in a Redis Cluster hash tag (`{jiebang}`) so every
 * key of every queue lands in one slot: the same code runs on a single Redis, a cluster or a managed Redis.
 */
export function queuePrefix(prefix: string): string {
  return `{${prefix}}`;
}

export function bullConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** Retries of a failing job: how many attempts, and the first delay (doubling after each attempt). */
export interface JobRetrySettings {
  attempts: number;
  backoffMs: number;
}

export function queueOptions(redisUrl: string, prefix: string, retry: JobRetrySettings): QueueOptions {
  return {
    connection: bullConnection(redisUrl),
    prefix: queuePrefix(prefix),
    defaultJobOptions: {
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.backoffMs },
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 7 * 86400 },
    },
  };
}
