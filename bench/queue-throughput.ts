/**
 * Worker throughput vs a no-op (QUALITY.md: "worker with real processors vs BullMQ with a no-op processor on the
 * same Redis — ≥ 0.5× of no-op for the light jobs"). The same number of `assess-bid` jobs (ids of real bids stored
 * by the queue path) goes, per round, to:
 *  - `no-op`: a bare BullMQ Worker (bench/queue-noop-worker.ts, its own process, the real matching worker's
 *    concurrency and lock settings)
 *    on the same Redis under another key prefix;
 *  - `assess-bid`: the real matching-worker process (MATCHING_CONCURRENCY), which loads the revisions of the jobs
 *    running at once with their challenges, organizations and profiles (one joined query per batch), assesses each,
 *    and upserts the batch's assessments in one statement;
 *  - `assess-bid, unknown bid`: the real worker on ids of no bid (one query, then `skipped`) — the lightest path
 *    a real processor has, to separate the per-job framework cost from the per-job database work;
 *  - `outbox → relay → worker`: the same jobs as outbox rows inserted in one statement, published by the worker's
 *    relay while its processors run (the product's path; relay batches timed by their `sent_at`).
 * The first three are enqueued directly with `Queue.addBulk` into a paused queue, then the queue is resumed: the
 * clock runs from the resume to the `finishedOn` of the last job, so enqueueing (and the relay) is not measured.
 * Variants alternate within each round; warm-up first; medians and ranges over the rounds. CPU time of the
 * worker process, of Redis and of the whole machine is read from /proc over each measurement.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { Queue } from 'bullmq';
import { MATCHING_CONCURRENCY } from '../apps/matching-worker/src/matching/matching-limits';
import { foreignCpuMs, machineCpu, postgresCpuMs } from './queue-activity';
import { matchingQueue, QueueContext, unfinished } from './queue-context';
import { sleep } from './queue-stats';
import { BenchProcess } from './support/stack-processes';

export type Variant = 'no-op' | 'assess-bid' | 'assess-bid, unknown bid' | 'outbox → relay → worker';
export const VARIANTS: Variant[] = ['no-op', 'assess-bid', 'assess-bid, unknown bid', 'outbox → relay → worker'];

export interface Measurement {
  variant: Variant;
  jobs: number;
  seconds: number;
  jobsPerS: number;
  /** CPU ms per job of the consuming process, of Redis, and the machine's busy share (of all cores). */
  workerCpuMsPerJob: number;
  redisCpuMsPerJob: number;
  /** Every Postgres process (backends included), per job (none for the no-op). */
  postgresCpuMsPerJob: number;
  machineBusy: number;
  /** CPU other people's processes used meanwhile, in % of one core (not quiet when large). */
  othersPercent: number;
  failed: number;
  /** outbox variant: relay publishing rate (rows/s between its first and last batch) and ms per batch of 200. */
  relayPerS?: number;
  relayBatchMs?: number;
}

export class ThroughputBench {
  private round = 0;

  private constructor(
    private readonly ctx: QueueContext,
    private readonly noop: BenchProcess,
    private readonly noopQueue: Queue,
    private readonly bidIds: string[],
  ) {}

  static async open(ctx: QueueContext, bidIds: string[]): Promise<ThroughputBench> {
    const prefix = `${ctx.stack.queuePrefix}-noop`;
    const noop = new BenchProcess('queue-noop-worker', 'bench/queue-noop-worker.ts', {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      NOOP_REDIS_URL: ctx.stack.redisUrl,
      NOOP_PREFIX: prefix,
      NOOP_CONCURRENCY: String(MATCHING_CONCURRENCY),
      NOOP_LOCK_MS: String(ctx.stack.config.jobs.lockMs),
    });
    await noop.start();
    return new ThroughputBench(ctx, noop, matchingQueue(ctx.stack, prefix), bidIds);
  }

  async close(): Promise<void> {
    await this.noopQueue.close();
    await this.noop.stop();
  }

  async measure(variant: Variant, jobs: number): Promise<Measurement> {
    this.round += 1;
    if (jobs > this.bidIds.length) throw new Error(`${jobs} jobs asked, ${this.bidIds.length} bids available`);
    const bids = variant === 'assess-bid, unknown bid' ? Array.from({ length: jobs }, () => randomUUID()) : this.bidIds.slice(0, jobs);
    if (variant === 'outbox → relay → worker') return this.viaOutbox(bids);
    const queue = variant === 'no-op' ? this.noopQueue : this.ctx.matching;
    const consumer = variant === 'no-op' ? this.noop : this.ctx.stack.worker;
    await queue.pause();
    const failedBefore = await queue.getFailedCount();
    const tag = `bench-${this.round}`;
    for (let i = 0; i < bids.length; i += 1000) {
      await queue.addBulk(bids.slice(i, i + 1000).map((bidId) => ({ name: 'assess-bid', data: { bidId, revision: 1 }, opts: { jobId: `${tag}_${bidId}` } })));
    }
    const cpu = this.cpuMark(consumer);
    const started = Date.now();
    await queue.resume();
    await this.waitEmpty(queue);
    const finished = await lastFinishedOn(queue);
    return {
      variant,
      jobs,
      ...rate(jobs, finished - started),
      ...cpu.per(jobs),
      failed: (await queue.getFailedCount()) - failedBefore,
    };
  }

  /** Outbox rows in one statement; the relay (polling every OUTBOX_POLL_MS) publishes while the processors run. */
  private async viaOutbox(bids: string[]): Promise<Measurement> {
    const { db } = this.ctx.stack;
    const queue = this.ctx.matching;
    const failedBefore = await queue.getFailedCount();
    const cpu = this.cpuMark(this.ctx.stack.worker);
    const { rows } = await db.query(
      `INSERT INTO outbox_messages (queue, job_name, payload, job_key, created_at, attempts)
       SELECT 'matching', 'assess-bid', jsonb_build_object('bidId', id, 'revision', 1), 'assess-bid_bench-' || $2 || '_' || id, now(), 0
         FROM unnest($1::uuid[]) AS id
       RETURNING id, extract(epoch FROM clock_timestamp()) * 1000 AS at`,
      [bids, this.round],
    );
    const started = Math.max(...rows.map((r) => Number(r.at)));
    const first = rows[0].id;
    for (;;) {
      const pending = await db.query('SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL AND id >= $1', [first]);
      if (pending.rows[0].n === 0) break;
      await sleep(20);
    }
    await this.waitEmpty(queue);
    const finished = await lastFinishedOn(queue);
    const batches = await db.query(
      `SELECT extract(epoch FROM sent_at) * 1000 AS at, count(*)::int AS n FROM outbox_messages WHERE id >= $1 GROUP BY sent_at ORDER BY sent_at`,
      [first],
    );
    const times = batches.rows.map((r) => Number(r.at));
    const span = times[times.length - 1] - times[0];
    const relayed = bids.length - batches.rows[0].n;
    return {
      variant: 'outbox → relay → worker',
      jobs: bids.length,
      ...rate(bids.length, finished - started),
      ...cpu.per(bids.length),
      failed: (await queue.getFailedCount()) - failedBefore,
      relayPerS: span > 0 ? relayed / (span / 1000) : NaN,
      relayBatchMs: times.length > 1 ? span / (times.length - 1) : NaN,
    };
  }

  private async waitEmpty(queue: Queue): Promise<void> {
    const started = Date.now();
    while ((await unfinished(queue)) > 0) {
      if (Date.now() - started > 300_000) throw new Error('jobs not finished within 5 minutes');
      await sleep(10);
    }
  }

  private cpuMark(consumer: BenchProcess) {
    const redisPid = this.ctx.stack.ownRedis?.pid;
    const { stack } = this.ctx;
    const ours = new Set([process.pid, stack.challenge.pid, stack.bidding.pid, stack.worker.pid, this.noop.pid, redisPid ?? 0]);
    const at = {
      consumer: consumer.cpuMs(),
      redis: redisPid ? processCpuMs(redisPid) : NaN,
      postgres: postgresCpuMs(),
      machine: machineCpu(),
      others: foreignCpuMs(ours),
      time: Date.now(),
    };
    return {
      per: (jobs: number) => {
        const machine = machineCpu();
        return {
          othersPercent: (100 * (foreignCpuMs(ours) - at.others)) / (Date.now() - at.time),
          workerCpuMsPerJob: (consumer.cpuMs() - at.consumer) / jobs,
          redisCpuMsPerJob: redisPid ? (processCpuMs(redisPid) - at.redis) / jobs : NaN,
          postgresCpuMsPerJob: (postgresCpuMs() - at.postgres) / jobs,
          machineBusy: (machine.busy - at.machine.busy) / (machine.total - at.machine.total),
        };
      },
    };
  }
}

function rate(jobs: number, ms: number): { seconds: number; jobsPerS: number } {
  return { seconds: ms / 1000, jobsPerS: jobs / (ms / 1000) };
}

/** The newest completed job's finishedOn (completed jobs are kept up to the last 1,000). */
async function lastFinishedOn(queue: Queue): Promise<number> {
  const jobs = await queue.getJobs(['completed'], 0, 20, false);
  return Math.max(...jobs.map((j) => j.finishedOn ?? 0));
}

function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export const CORES = cpus().length;
