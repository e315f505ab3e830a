/** What the queue benchmark's scenarios share: the stack, the seeded accounts, the sizes, and waiting helpers. */
import { Queue } from 'bullmq';
import { queueOptions } from '@jiebang/queue';
import type { BenchStack } from './support/stack-processes';
import type { Account, Seeder } from './support/stack-seed';
import { sleep } from './queue-stats';

export interface QueueSizes {
  /** SMEs seeded (the rush's bidders; the other scenarios reuse them on other challenges). */
  smes: number;
  /** Rush: every SME bids once within this many ms before the deadline. */
  rushWindowMs: number;
  rushRounds: number;
  /** Queue path: offered rate, bids/s, for this long per round, after a warm-up at the same rate. */
  pathRate: number;
  pathRoundMs: number;
  pathRounds: number;
  pathWarmUpMs: number;
  /** Throughput: jobs per measured round, rounds per variant, jobs of the warm-up round. */
  jobs: number;
  jobRounds: number;
  jobWarmUp: number;
}

export const QUICK: QueueSizes = {
  smes: 400,
  rushWindowMs: 2_000,
  rushRounds: 2,
  pathRate: 200,
  pathRoundMs: 8_000,
  pathRounds: 2,
  pathWarmUpMs: 2_000,
  jobs: 1_000,
  jobRounds: 3,
  jobWarmUp: 200,
};

export const FULL: QueueSizes = {
  smes: 2_000,
  rushWindowMs: 10_000,
  rushRounds: 3,
  pathRate: 200,
  pathRoundMs: 30_000,
  pathRounds: 3,
  pathWarmUpMs: 5_000,
  jobs: 5_000,
  jobRounds: 5,
  jobWarmUp: 500,
};

export interface QueueContext {
  stack: BenchStack;
  seeder: Seeder;
  smes: Account[];
  lead: Account;
  sizes: QueueSizes;
  full: boolean;
  /** The `matching` queue of the stack, with the app's default job options. */
  matching: Queue;
  log: (line: string) => void;
}

export function matchingQueue(stack: BenchStack, prefix = stack.queuePrefix): Queue {
  const options = queueOptions(stack.redisUrl, prefix, stack.config.jobs);
  const queue = new Queue('matching', options);
  queue.on('error', () => undefined);
  return queue;
}

/** Unfinished jobs (waiting — paused ones too —, active, prioritized, delayed) of a queue. */
export async function unfinished(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'delayed', 'waiting-children');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** Waits until the outbox is empty and the matching queue has nothing left to run. */
export async function waitDrained(ctx: QueueContext, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { rows } = await ctx.stack.db.query('SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL AND (run_at IS NULL OR run_at <= now())');
    if (rows[0].n === 0 && (await unfinished(ctx.matching)) === 0) return;
    if (Date.now() - started > timeoutMs) throw new Error(`not drained after ${timeoutMs} ms (${rows[0].n} outbox rows pending)`);
    await sleep(100);
  }
}

/** Waits until every (bid, revision) given has its assessment stored; returns how many are still missing at the end. */
export async function waitAssessed(ctx: QueueContext, bidIds: string[], timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await ctx.stack.db.query(
      `SELECT count(*)::int AS n FROM bids b JOIN bid_assessments a ON a.bid_id = b.id AND a.revision = b.revision WHERE b.id = ANY($1::uuid[])`,
      [bidIds],
    );
    const missing = bidIds.length - rows[0].n;
    if (missing === 0 || Date.now() - started > timeoutMs) return missing;
    await sleep(100);
  }
}
