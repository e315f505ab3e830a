/**
 * Deadline rush (QUALITY.md: "2,000 SMEs bid within 10 s of a deadline — every accepted bid stored and assessed;
 * none after the deadline"). Each round publishes a fresh challenge whose deadline is a few seconds away, then
 * every seeded SME posts one bid at a time drawn uniformly from the last `rushWindowMs` before the deadline (open
 * loop). Checked in SQL afterwards: the stored bids are exactly the 201s, no stored submission is at or after
 * `bid_deadline`, every stored bid has its assessment, and when the last one was stored.
 */
import { Activity } from './queue-activity';
import { random } from './synthetic';
import { QueueContext, waitAssessed, waitDrained } from './queue-context';
import { fmt, median, openLoop, quantile, sleep, tally } from './queue-stats';
import { http, HttpResult, outcome } from './support/stack-http';
import { bidBody } from './support/stack-seed';

export interface RushRound {
  bidders: number;
  accepted: number;
  refused: number;
  refusals: string;
  p50Ms: number;
  p99Ms: number;
  maxLateMs: number;
  storedMatchesAccepted: boolean;
  storedAtOrAfterDeadline: number;
  /** ms before the deadline of the last stored submission (database clock). */
  lastSubmissionBeforeDeadlineMs: number;
  /** 201 responses that arrived after the deadline (accepted before it; the answer travelled after). */
  answeredAfterDeadline: number;
  assessed: number;
  unassessed: number;
  /** From the deadline to the last assessment stored. */
  lastAssessmentAfterDeadlineMs: number;
  challengeStatus: string;
  /**
   * Median gap between consecutive stored submissions on the challenge (database clock). Every bid holds the
   * challenge's row lock for its whole transaction, so under a rush this is how long one bid holds it.
   */
  lockHandoffMs: number;
  /** Sessions and CPU while the bids were answered. */
  activity: string;
}

/** Lead time between publishing and the start of the window (publishing's own match job is done by then). */
const SETUP_MS = 4_000;

export async function rushRound(ctx: QueueContext, round: number): Promise<RushRound> {
  const { stack, sizes, smes } = ctx;
  const windowMs = sizes.rushWindowMs;
  const deadline = new Date(Math.ceil((Date.now() + SETUP_MS + windowMs) / 1000) * 1000);
  const challenge = await ctx.seeder.challenge(ctx.lead, deadline, 1000 + round);
  await waitDrained(ctx);
  const rand = random(4242 + round);
  const offsets = smes.map(() => windowMs * rand()).sort((a, b) => a - b);
  const windowStart = deadline.getTime() - windowMs;
  if (Date.now() > windowStart) throw new Error('rush set-up took longer than its lead time');
  const url = `${stack.bidding.url}/api/v1/bids`;
  await sleep(windowStart - Date.now());
  const activity = new Activity(stack);
  const { results, maxLateMs } = await openLoop(windowStart, offsets, (i) => http('POST', url, smes[i].token, bidBody(challenge, i)));
  const during = await activity.stop();
  const latencies = results.map((r, i) => r.doneAt - (windowStart + offsets[i]));
  const accepted = results.filter((r) => r.status === 201);
  const refused = results.filter((r) => r.status !== 201);
  const acceptedIds = accepted.map((r: HttpResult) => String(r.body.id));

  const unassessed = await waitAssessed(ctx, acceptedIds, 120_000);
  await sleep(200);
  const { rows } = await stack.db.query(
    `SELECT count(*)::int AS stored,
            count(*) FILTER (WHERE b.submitted_at >= c.bid_deadline OR r.created_at >= c.bid_deadline)::int AS after,
            extract(epoch FROM c.bid_deadline - max(b.submitted_at)) * 1000 AS before_ms,
            count(a.bid_id)::int AS assessed,
            extract(epoch FROM max(a.computed_at) - c.bid_deadline) * 1000 AS last_assessment_ms,
            array_agg(b.id) AS ids, c.status
       FROM challenges c
       JOIN bids b ON b.challenge_id = c.id
       JOIN bid_revisions r ON r.bid_id = b.id AND r.revision = 1
       LEFT JOIN bid_assessments a ON a.bid_id = b.id AND a.revision = 1
      WHERE c.id = $1
      GROUP BY c.id`,
    [challenge.id],
  );
  const row = rows[0] ?? { stored: 0, after: 0, before_ms: NaN, assessed: 0, last_assessment_ms: NaN, ids: [], status: '?' };
  const storedIds = new Set<string>(row.ids ?? []);
  const gaps = await stack.db.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS ms FROM (
       SELECT extract(epoch FROM submitted_at - lag(submitted_at) OVER (ORDER BY submitted_at)) * 1000 AS gap FROM bids WHERE challenge_id = $1) g
      WHERE gap IS NOT NULL`,
    [challenge.id],
  );
  return {
    bidders: smes.length,
    accepted: accepted.length,
    refused: refused.length,
    refusals: tally(refused.map(outcome)) || 'none',
    p50Ms: median(latencies),
    p99Ms: quantile(latencies, 0.99),
    maxLateMs,
    storedMatchesAccepted: storedIds.size === acceptedIds.length && acceptedIds.every((id) => storedIds.has(id)),
    storedAtOrAfterDeadline: row.after,
    lastSubmissionBeforeDeadlineMs: Number(row.before_ms),
    answeredAfterDeadline: accepted.filter((r) => r.doneAt >= deadline.getTime()).length,
    assessed: row.assessed,
    unassessed,
    lastAssessmentAfterDeadlineMs: Number(row.last_assessment_ms),
    challengeStatus: row.status,
    lockHandoffMs: Number(gaps.rows[0]?.ms),
    activity: during,
  };
}

export function describeRush(r: RushRound): string {
  return (
    `${r.bidders} bidders: ${r.accepted} accepted, ${r.refused} refused (${r.refusals}); POST p50 ${fmt(r.p50Ms, 0)} ms, p99 ${fmt(r.p99Ms, 0)} ms ` +
    `(generator at most ${r.maxLateMs} ms late); stored = accepted: ${r.storedMatchesAccepted}; stored at/after deadline: ${r.storedAtOrAfterDeadline}; ` +
    `last stored submission ${fmt(r.lastSubmissionBeforeDeadlineMs, 0)} ms before the deadline; 201s answered after the deadline: ${r.answeredAfterDeadline}; ` +
    `assessed ${r.assessed}/${r.accepted}; last assessment ${fmt(r.lastAssessmentAfterDeadlineMs / 1000, 2)} s after the deadline; challenge ${r.challengeStatus}; ` +
    `median gap between consecutive stored submissions ${fmt(r.lockHandoffMs, 2)} ms (the row lock's hold time per bid)\n    during the window: ${r.activity}`
  );
}
