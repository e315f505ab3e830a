/**
 * Soak (QUALITY.md: "30 min at half capacity — RSS and Redis memory flat (completed jobs are removed)"). New bids
 * and amendments (`PATCH /bids/:id`, each a new revision and a new `assess-bid` job) at a fixed rate, open loop;
 * one request at a time per bid, so amendments never conflict. Every `sampleSeconds`: RSS (/proc/<pid>/status
 * VmRSS) and used heap (`nodejs_heap_size_used_bytes` of `/metrics`) of each app as they are; then, over the V8
 * inspector (the apps run with `--inspect` on loopback), a full collection in each app and its RSS and heap after
 * it; Redis `used_memory` and key count, pending outbox rows and unfinished jobs. Reported per series: start, end,
 * max, and the least-squares slope after the first fifth of the run (warm-up: Redis fills its bounded lists — the
 * last 1,000 completed jobs and the events stream — during the first minutes).
 *
 * Judged: the after-collection series, Redis and the counts. A reading taken as it is lands anywhere on the
 * collector's sawtooth (the 2026-11-24 soak: the worker's heap between 72 and 125 MiB, minutes apart), which a
 * 30-minute least-squares slope cannot tell from growth; what a process holds after a full collection can.
 */
import { QueueContext, unfinished, waitDrained } from './queue-context';
import { PairSource } from './queue-path';
import { fmt, median, MiB, quantile, slope, sleep, tally } from './queue-stats';
import { http, HttpResult, outcome } from './support/stack-http';
import { amendBody, bidBody } from './support/stack-seed';

export interface SoakOptions {
  minutes: number;
  /** Requests per second (bids + amendments). */
  rate: number;
  sampleSeconds: number;
  /** Share of new bids while unused (SME, challenge) pairs remain; the rest are amendments. */
  newShare: number;
}

export interface Sample {
  t: number;
  values: Record<string, number>;
}

export interface Series {
  name: string;
  unit: 'MiB' | 'count';
  start: number;
  end: number;
  max: number;
  /** per 10 minutes, after warm-up */
  slopePer10Min: number;
  flat: boolean;
  /** False: shown for reference, its verdict is the after-collection series' (see `summarize`), or too few readings. */
  judged: boolean;
  /** Samples whose reading succeeded. */
  readings: number;
}

export interface SoakResult {
  seconds: number;
  requests: number;
  outcomes: string;
  newBids: number;
  amendments: number;
  requestP99Ms: number;
  assessedP50Ms: number;
  assessedP99Ms: number;
  unassessed: number;
  series: Series[];
  samples: Sample[];
}

interface IdleBid {
  id: string;
  version: number;
  /** The owning SME's token. */
  token: string;
}

export async function soak(ctx: QueueContext, pairs: PairSource, options: SoakOptions): Promise<SoakResult> {
  const { stack } = ctx;
  const url = `${stack.bidding.url}/api/v1/bids`;
  const idle: IdleBid[] = [];
  const outcomes: string[] = [];
  const latencies: number[] = [];
  let newBids = 0;
  let amendments = 0;
  const startDb = (await stack.db.query('SELECT now() AS at')).rows[0].at as Date;
  const start = Date.now() + 100;
  const durationMs = options.minutes * 60_000;
  const count = Math.round((durationMs / 1000) * options.rate);
  const samples: Sample[] = [];
  let sampling = true;
  const sampler = (async () => {
    for (let next = start; sampling; next += options.sampleSeconds * 1000) {
      await sleep(Math.max(0, next - Date.now()));
      if (!sampling) break;
      samples.push({ t: (Date.now() - start) / 1000, values: await sampleNow(ctx) });
    }
  })();

  const inFlight = new Set<Promise<void>>();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const amend = idle.length > 0 && (pairs.remaining === 0 || ((i * 7919) % 1000) / 1000 >= options.newShare);
    let request: Promise<HttpResult>;
    let bid: IdleBid | null = null;
    let token: string;
    if (amend) {
      const at = (i * 104729) % idle.length;
      bid = idle[at];
      idle[at] = idle[idle.length - 1];
      idle.pop();
      amendments += 1;
      token = bid.token;
      request = http('PATCH', `${url}/${bid.id}`, token, amendBody(bid.version, i));
    } else {
      const pair = pairs.take();
      newBids += 1;
      token = ctx.smes[pair.sme].token;
      request = http('POST', url, token, bidBody(pair.challenge, i));
    }
    const tracked: Promise<void> = request.then((result) => {
      latencies.push(result.doneAt - due);
      outcomes.push(outcome(result));
      if (result.status === 201 || result.status === 200) idle.push({ id: result.body.id, version: result.body.version, token });
      else if (bid) idle.push(bid);
      inFlight.delete(tracked);
    });
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  await waitDrained(ctx, 300_000);
  samples.push({ t: (Date.now() - start) / 1000, values: await sampleNow(ctx) });
  sampling = false;
  await sampler;

  const { rows } = await stack.db.query(
    `SELECT extract(epoch FROM a.computed_at - r.created_at) * 1000 AS ms
       FROM bid_revisions r LEFT JOIN bid_assessments a ON a.bid_id = r.bid_id AND a.revision = r.revision
      WHERE r.created_at >= $1`,
    [startDb],
  );
  const assessed = rows.filter((r) => r.ms !== null).map((r) => Number(r.ms));
  return {
    seconds: (Date.now() - start) / 1000,
    requests: count,
    outcomes: tally(outcomes),
    newBids,
    amendments,
    requestP99Ms: quantile(latencies, 0.99),
    assessedP50Ms: median(assessed),
    assessedP99Ms: quantile(assessed, 0.99),
    unassessed: rows.length - assessed.length,
    series: summarize(samples, durationMs / 1000),
    samples,
  };
}

async function sampleNow(ctx: QueueContext): Promise<Record<string, number>> {
  const { stack } = ctx;
  const values: Record<string, number> = {};
  for (const app of [stack.challenge, stack.bidding, stack.worker]) {
    const name = app.label.replace(/^queue-/, '');
    values[`${name} RSS`] = app.rssBytes() / MiB;
    values[`${name} heap used`] = (await app.metric('nodejs_heap_size_used_bytes').catch(() => NaN)) / MiB;
    if (app.inspectorPort === null) continue;
    // Read as it is first (above), then after the collection this forces.
    const live = await app.liveMemory().catch(() => null);
    values[`${name} RSS after GC`] = live ? live.rss / MiB : NaN;
    values[`${name} heap after GC`] = live ? live.heapUsed / MiB : NaN;
  }
  const info = await stack.redis.info('memory');
  values['Redis used_memory'] = Number(/used_memory:(\d+)/.exec(info)?.[1]) / MiB;
  values['Redis keys'] = await stack.redis.dbsize();
  values['pending outbox'] = (await stack.db.query('SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL')).rows[0].n;
  values['unfinished jobs'] = await unfinished(ctx.matching);
  return values;
}

/**
 * Flat: the slope after warm-up, projected over 30 minutes, stays within 10% of the series' mean level (and
 * within 8 MiB for memory). Counts (keys, backlog) are flat when their slope projects to less than 10% of the max.
 * Where after-collection series were sampled, an app's readings as they are carry no verdict (`judged` false); nor
 * does a series with fewer than three readings.
 */
function summarize(samples: Sample[], seconds: number): Series[] {
  if (samples.length === 0) return [];
  const afterGc = Object.keys(samples[0].values).some((name) => name.endsWith(' after GC'));
  return Object.keys(samples[0].values).map((name) => {
    // A reading that failed (NaN: a metric or inspector call that timed out) is left out, not fitted.
    const read = samples.filter((s) => Number.isFinite(s.values[name]));
    const all = read.map((s) => s.values[name]);
    const steady = read.filter((s) => s.t >= seconds / 5);
    const used = steady.length >= 3 ? steady : read;
    const perSecond = slope(
      used.map((s) => s.t),
      used.map((s) => s.values[name]),
    );
    const mean = used.reduce((a, s) => a + s.values[name], 0) / used.length;
    const projected = perSecond * 1800; // shrinking counts as flat
    const memory = !/keys|outbox|jobs/.test(name);
    const flat = memory ? projected <= Math.min(0.1 * mean, 8) || projected <= 1 : projected <= Math.max(0.1 * Math.max(...all), 5);
    const judged = read.length >= 3 && (!afterGc || !/ (RSS|heap used)$/.test(name));
    return { name, unit: memory ? 'MiB' : 'count', start: all[0], end: all[all.length - 1], max: Math.max(...all), slopePer10Min: perSecond * 600, flat, judged, readings: read.length };
  });
}

export function describeSoak(r: SoakResult, options: SoakOptions): string[] {
  const lines = [
    `${options.minutes < 10 ? '(too short to judge flatness: numbers only) ' : ''}${fmt(r.seconds / 60, 1)} min at ${options.rate} req/s: ${r.requests} requests (${r.newBids} new bids, ${r.amendments} amendments): ${r.outcomes}; ` +
      `request p99 ${fmt(r.requestP99Ms, 0)} ms; revision → assessment p50 ${fmt(r.assessedP50Ms, 0)} ms, p99 ${fmt(r.assessedP99Ms, 0)} ms; unassessed ${r.unassessed}`,
  ];
  for (const s of r.series) {
    const d = s.unit === 'MiB' ? 1 : 0;
    const verdict =
      options.minutes < 10 ? '' : s.readings < 3 ? ` (${s.readings} readings, not judged)` : !s.judged ? ' (as read, not judged)' : s.flat ? ' — flat' : ' — GROWING';
    lines.push(`  ${s.name.padEnd(26)} start ${fmt(s.start, d)} end ${fmt(s.end, d)} max ${fmt(s.max, d)} ${s.unit}; slope ${fmt(s.slopePer10Min, 2)} ${s.unit}/10 min after warm-up${verdict}`);
  }
  return [...lines, ...overTime(r.samples)];
}

/** The memory series over time, about 12 rows (a sawtooth of the garbage collector reads differently from a leak). */
function overTime(samples: Sample[]): string[] {
  if (samples.length === 0) return [];
  const names = Object.keys(samples[0].values).filter((name) => / RSS| heap |Redis used_memory/.test(name));
  const every = Math.max(1, Math.round(samples.length / 12));
  const rows = samples.filter((_, i) => i % every === 0 || i === samples.length - 1);
  const short = (name: string) =>
    name.replace('-service', '').replace('matching-worker', 'worker').replace(' used_memory', '').replace(' after GC', ' GC').replace(' heap used', ' heap');
  return [
    `  over time (MiB): ${['min', ...names.map(short)].join(' | ')}`,
    ...rows.map((s) => `    ${[fmt(s.t / 60, 1).padStart(5), ...names.map((n) => fmt(s.values[n], 1).padStart(short(n).length))].join(' | ')}`),
  ];
}
