/**
 * What the benchmarks that talk to Postgres and Redis share: the database `jiebang_bench` (dropped, created and
 * migrated fresh) and a queue prefix of their own in the local Redis (every key under `{prefix}`, removed at the
 * end).
 *
 * `bench/run.ts` prepares both before each such benchmark and hands them to it through the environment
 * (BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_QUEUE_PREFIX); a benchmark run alone prepares them itself:
 *
 *   const env = await benchEnvironment();   // the runner's, or a fresh one
 *   …
 *   await env.release();                    // removes the prefix's Redis keys when this process made them
 *
 * Postgres and Redis are found at BENCH_POSTGRES_URL / BENCH_REDIS_URL, default the local ones.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { dropDatabase } from '@jiebang/database';
import { queuePrefix } from '@jiebang/queue';
import { migrate } from '../../apps/cli/src/commands/schema.command';

export const BENCH_DATABASE = 'jiebang_bench';

export interface BenchEnvironment {
  databaseUrl: string;
  redisUrl: string;
  /** QUEUE_PREFIX for the apps (they wrap it in a hash tag: `{prefix}`). */
  queuePrefix: string;
  /** Removes the prefix's Redis keys if this process prepared the environment (the runner does it otherwise). */
  release(): Promise<void>;
}

export function benchDatabaseUrl(): string {
  const url = new URL(process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

export const benchRedisUrl = (): string => process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const newQueuePrefix = (): string => `jiebang-bench-${randomBytes(4).toString('hex')}`;

/** Drops `jiebang_bench` if it exists, creates it and applies every migration (the CLI's `migrate`). */
export async function freshBenchDatabase(url = benchDatabaseUrl()): Promise<string> {
  await dropDatabase(url);
  const log = console.log;
  console.log = () => undefined; // migrate() reports what it applied; the benchmark output stays readable
  try {
    await migrate(url);
  } finally {
    console.log = log;
  }
  return url;
}

/** Deletes every key of a queue prefix (`{prefix}…`: BullMQ queues, throttling counters, markers). */
export async function clearQueuePrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  await redis.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix(prefix)}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

/** The environment the runner prepared, or a fresh one (database recreated, new prefix) when run alone. */
export async function benchEnvironment(): Promise<BenchEnvironment> {
  const given = process.env.BENCH_DATABASE_URL;
  const redisUrl = benchRedisUrl();
  if (given && process.env.BENCH_QUEUE_PREFIX) {
    return { databaseUrl: given, redisUrl, queuePrefix: process.env.BENCH_QUEUE_PREFIX, release: async () => undefined };
  }
  const databaseUrl = await freshBenchDatabase();
  const prefix = newQueuePrefix();
  return { databaseUrl, redisUrl, queuePrefix: prefix, release: async () => void (await clearQueuePrefix(redisUrl, prefix)) };
}
