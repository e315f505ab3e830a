/**
 * Queue path (QUALITY.md: "bid accepted → assessment stored, p99 ≤ 2 s at 200 bids/s"). Bids are posted at a fixed
 * rate (open loop, one every 1000/rate ms) on `pathChallenges` open challenges, each (SME, challenge) pair once.
 * For every accepted bid, from SQL: `bid_assessments.computed_at` (worker clock) minus `bids.submitted_at` (the
 * database clock at the start of the bid's transaction) — and, stricter, minus the moment the 201 arrived here.
 * Same machine, same clock. While the round runs the pending outbox and the waiting jobs are sampled, so a backlog
 * shows where it builds (relay or worker).
 */
import { Activity } from './queue-activity';
import { QueueContext, unfinished, waitAssessed } from './queue-context';
import { fmt, median, openLoop, quantile, sleep, tally } from './queue-stats';
import { http, outcome } from './support/stack-http';
import { bidBody, PublishedChallenge } from './support/stack-seed';

export interface PathRound {
  offered: number;
  accepted: number;
  refusals: string;
  postP99Ms: number;
  maxLateMs: number;
  /** submitted_at → computed_at */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** 201 received → computed_at */
  from201P50Ms: number;
  from201P99Ms: number;
  unassessed: number;
  /** Assessments stored per second, from the round's first to its last (the rate the path kept up with). */
  sustainedPerS: number;
  maxPendingOutbox: number;
  maxWaitingJobs: number;
  /** Sessions and CPU during the round. */
  activity: string;
  /** Bid ids of the round (real bids the throughput scenario reuses). */
  bidIds: string[];
}

/** Hands out unused (SME, challenge) pairs: pair k is challenge k mod C, SME floor(k / C). */
export class PairSource {
  private next = 0;
  constructor(
    private readonly ctx: QueueContext,
    readonly challenges: PublishedChallenge[],
  ) {}

  get remaining(): number {
    return this.ctx.smes.length * this.challenges.length - this.next;
  }

  take(): { sme: number; challenge: PublishedChallenge } {
    const k = this.next++;
    const sme = Math.floor(k / this.challenges.length);
    if (sme >= this.ctx.smes.length) throw new Error('out of (SME, challenge) pairs');
    return { sme, challenge: this.challenges[k % this.challenges.length] };
  }
}

export async function pathRound(ctx: QueueContext, pairs: PairSource, durationMs: number, rate: number): Promise<PathRound> {
  const { stack } = ctx;
  const count = Math.round((durationMs / 1000) * rate);
  const offsets = Array.from({ length: count }, (_, i) => (i * 1000) / rate);
  const planned = offsets.map(() => pairs.take());
  const url = `${stack.bidding.url}/api/v1/bids`;
  let maxPendingOutbox = 0;
  let maxWaitingJobs = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [{ rows }, waiting] = await Promise.all([
        stack.db.query('SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL'),
        unfinished(ctx.matching),
      ]);
      maxPendingOutbox = Math.max(maxPendingOutbox, rows[0].n);
      maxWaitingJobs = Math.max(maxWaitingJobs, waiting);
      await sleep(250);
    }
  })();
  const start = Date.now() + 50;
  const activity = new Activity(stack);
  const { results, maxLateMs } = await openLoop(start, offsets, (i) =>
    http('POST', url, ctx.smes[planned[i].sme].token, bidBody(planned[i].challenge, i)),
  );
  const during = await activity.stop();
  const accepted = results.filter((r) => r.status === 201);
  const bidIds = accepted.map((r) => String(r.body.id));
  const answeredAt = new Map(accepted.map((r) => [String(r.body.id), r.doneAt]));
  const unassessed = await waitAssessed(ctx, bidIds, 120_000);
  sampling = false;
  await sampler;
  const { rows } = await stack.db.query(
    `SELECT b.id, extract(epoch FROM b.submitted_at) * 1000 AS submitted, extract(epoch FROM a.computed_at) * 1000 AS computed
       FROM bids b JOIN bid_assessments a ON a.bid_id = b.id AND a.revision = 1
      WHERE b.id = ANY($1::uuid[])`,
    [bidIds],
  );
  const fromSubmitted = rows.map((r) => Number(r.computed) - Number(r.submitted));
  const from201 = rows.map((r) => Number(r.computed) - answeredAt.get(r.id)!);
  const first = Math.min(...rows.map((r) => Number(r.computed)));
  const last = Math.max(...rows.map((r) => Number(r.computed)));
  const postLatencies = results.map((r, i) => r.doneAt - (start + offsets[i]));
  return {
    offered: count,
    accepted: accepted.length,
    refusals: tally(results.filter((r) => r.status !== 201).map(outcome)) || 'none',
    postP99Ms: quantile(postLatencies, 0.99),
    maxLateMs,
    p50Ms: median(fromSubmitted),
    p99Ms: quantile(fromSubmitted, 0.99),
    maxMs: Math.max(...fromSubmitted),
    from201P50Ms: median(from201),
    from201P99Ms: quantile(from201, 0.99),
    unassessed,
    sustainedPerS: (rows.length - 1) / ((last - first) / 1000),
    maxPendingOutbox,
    maxWaitingJobs,
    activity: during,
    bidIds,
  };
}

export function describePath(r: PathRound, rate: number): string {
  return (
    `${r.offered} bids offered at ${rate}/s: ${r.accepted} accepted (refused: ${r.refusals}), POST p99 ${fmt(r.postP99Ms, 0)} ms, generator ≤ ${r.maxLateMs} ms late; ` +
    `submitted → assessed p50 ${fmt(r.p50Ms, 0)} ms, p99 ${fmt(r.p99Ms, 0)} ms, max ${fmt(r.maxMs, 0)} ms; 201 → assessed p50 ${fmt(r.from201P50Ms, 0)} ms, ` +
    `p99 ${fmt(r.from201P99Ms, 0)} ms; unassessed ${r.unassessed}; ${fmt(r.sustainedPerS, 0)} assessments stored/s; ` +
    `max pending outbox ${r.maxPendingOutbox}, max unfinished jobs ${r.maxWaitingJobs}\n    during the round: ${r.activity}`
  );
}
