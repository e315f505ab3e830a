/**
 * Queue benchmark (QUALITY.md "Performance": deadline rush, queue path, queue throughput, soak), against the
 * three real apps as child processes (bench/support/stack-processes.ts): a fresh migrated database (the runner's
 * when run by bench/run.ts), a redis-server of its own (so `INFO memory` in the soak is the benchmark's alone; the
 * machine's Redis with --redis-url), NODE_ENV=production, LOG_LEVEL=info, default OUTBOX_POLL_MS (500), DB_POOL_SIZE (10) and
 * worker concurrency (matching MATCHING_CONCURRENCY, 16). SMEs and the lead are written to the database directly and their tokens minted
 * (no password hashing, no login); challenges are created and published over HTTP.
 *
 *   npm run bench:queue [-- --full] [--soak-minutes N] [--soak-rate R] [--only rush,path,throughput,soak]
 *                       [--profile-worker] [--redis-url URL] [--json bench/results/queue.json] [--smoke]
 *
 * Quick (default): 400 SMEs, rush within 2 s (200 bids/s, as the full rush), queue path 2 × 8 s at 200 bids/s,
 * 3 rounds × 1,000 jobs per throughput variant; no soak unless --soak-minutes. Full: 2,000 SMEs within 10 s,
 * 3 rushes, 3 × 30 s queue path, 5 × 5,000 jobs, and the 30-minute soak at half the rate the queue path sustained.
 * The runner (bench/run.ts) calls `run({ full })`: the soak only with --full.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { MATCHING_CONCURRENCY } from '../apps/matching-worker/src/matching/matching-limits';
import { FULL, matchingQueue, QUICK, QueueContext, QueueSizes, waitDrained } from './queue-context';
import { describePath, PairSource, pathRound, PathRound } from './queue-path';
import { describeRush, rushRound, RushRound } from './queue-rush';
import { describeSoak, soak, SoakOptions, SoakResult } from './queue-soak';
import { fmt, median, spread } from './queue-stats';
import { CORES, Measurement, ThroughputBench, Variant, VARIANTS } from './queue-throughput';
import type { BenchOptions, BenchResult } from './support/result';
import { closeHttp } from './support/stack-http';
import { BENCH_ARTIFACTS, startBenchStack } from './support/stack-processes';
import { PublishedChallenge, Seeder } from './support/stack-seed';

export type Scenario = 'rush' | 'path' | 'throughput' | 'soak';

export interface QueueBenchOptions extends BenchOptions {
  /** Soak length; default 30 with `full`, otherwise no soak. */
  soakMinutes?: number;
  /** Soak requests/s; default half the rate the queue path sustained (100 when the path did not run). */
  soakRate?: number;
  soakSampleSeconds?: number;
  only?: Scenario[];
  /** Profile the worker (`--cpu-prof`, written to bench/results/logs/profiles when the stack stops). */
  profileWorker?: boolean;
  /** Use this Redis instead of a redis-server of the benchmark's own. */
  redisUrl?: string;
  json?: string;
  /** Overrides of the sizes (e.g. `--smoke`: a tiny functional check, not a measurement). */
  sizes?: Partial<QueueSizes>;
}

const print = (line: string) => console.log(line);

export async function run(options: QueueBenchOptions): Promise<BenchResult[]> {
  const sizes = { ...(options.full ? FULL : QUICK), ...options.sizes };
  const only = new Set<Scenario>(options.only ?? ['rush', 'path', 'throughput', 'soak']);
  const soakMinutes = options.soakMinutes ?? (options.full ? 30 : 0);
  const started = Date.now();
  const mode = options.full ? 'full' : 'quick';
  print(
    `queue bench (${mode}): ${sizes.smes} SMEs; rush ${sizes.rushRounds} × ${sizes.smes} bids within ${sizes.rushWindowMs / 1000} s; ` +
      `queue path ${sizes.pathRounds} × ${sizes.pathRoundMs / 1000} s at ${sizes.pathRate} bids/s (warm-up ${sizes.pathWarmUpMs / 1000} s); ` +
      `throughput ${sizes.jobRounds} × ${sizes.jobs} jobs per variant (warm-up ${sizes.jobWarmUp}); soak ${soakMinutes ? `${soakMinutes} min` : 'off'}; ${CORES} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  const fromRunner = process.env.BENCH_DATABASE_URL && process.env.BENCH_QUEUE_PREFIX;
  const stack = await startBenchStack({
    databaseUrl: fromRunner ? process.env.BENCH_DATABASE_URL : undefined,
    queuePrefix: fromRunner ? process.env.BENCH_QUEUE_PREFIX : undefined,
    redisUrl: options.redisUrl,
    workerNodeArgs: options.profileWorker ? ['--cpu-prof', `--cpu-prof-dir=${join(BENCH_ARTIFACTS, 'profiles')}`] : [],
    // The soak reads each app's memory after a full collection over the inspector (bench/queue-soak.ts).
    inspect: soakMinutes > 0 && only.has('soak'),
  });
  const redis = stack.ownRedis ? 'a redis-server of its own (INFO memory is the benchmark\'s alone)' : stack.redisUrl;
  print(`stack up in ${fmt((Date.now() - started) / 1000, 1)} s (database ${new URL(stack.databaseUrl).pathname.slice(1)}, ${redis}, logs in ${BENCH_ARTIFACTS})`);
  const seeder = await Seeder.open(stack);
  const matching = matchingQueue(stack);
  const results: BenchResult[] = [];
  let soakSamples: SoakResult['samples'] = [];
  try {
    const seedStart = Date.now();
    const smes = await seeder.smes(sizes.smes);
    const lead = await seeder.lead();
    const ctx: QueueContext = { stack, seeder, smes, lead, sizes, full: options.full, matching, log: print };
    const farDeadline = new Date(Date.now() + (soakMinutes + 120) * 60_000);
    const pathBids = (sizes.pathRate * (sizes.pathWarmUpMs + sizes.pathRounds * sizes.pathRoundMs)) / 1000;
    const pathChallenges = await challenges(ctx, Math.max(10, Math.ceil(pathBids / smes.length) + 1), farDeadline, 0);
    await waitDrained(ctx);
    print(`seeded ${smes.length} SMEs (direct SQL, tokens minted), a lead and ${pathChallenges.length} open challenges in ${fmt((Date.now() - seedStart) / 1000, 1)} s`);
    const pairs = new PairSource(ctx, pathChallenges);
    // Warm-up: JIT, pools and the worker's profile index, at the queue path's rate.
    const warm = await pathRound(ctx, pairs, sizes.pathWarmUpMs, sizes.pathRate);
    await waitDrained(ctx);
    print(`warm-up: ${warm.accepted} bids at ${sizes.pathRate}/s, submitted → assessed p99 ${fmt(warm.p99Ms, 0)} ms`);

    if (only.has('rush')) results.push(...(await rushScenario(ctx)));
    let pathRounds: PathRound[] = [];
    if (only.has('path') || only.has('throughput') || only.has('soak')) {
      pathRounds = await pathScenario(ctx, pairs);
      if (only.has('path')) results.push(...pathResults(ctx, pathRounds));
    }
    if (only.has('throughput')) {
      const bids = [...warm.bidIds, ...pathRounds.flatMap((r) => r.bidIds)];
      results.push(...(await throughputScenario(ctx, bids)));
    }
    if (only.has('soak') && soakMinutes > 0) {
      const sustained = pathRounds.length ? median(pathRounds.map((r) => Math.min(sizes.pathRate, r.sustainedPerS))) : NaN;
      const rate = options.soakRate ?? (Number.isFinite(sustained) ? Math.max(1, Math.round(sustained / 2)) : 100);
      const soakOptions: SoakOptions = { minutes: soakMinutes, rate, sampleSeconds: options.soakSampleSeconds ?? (soakMinutes >= 10 ? 30 : 10), newShare: 0.3 };
      const newBids = Math.ceil(soakMinutes * 60 * rate * soakOptions.newShare) + 100;
      const soakPairs = new PairSource(ctx, await challenges(ctx, Math.ceil(newBids / smes.length), farDeadline, 500));
      await waitDrained(ctx);
      print(`soak: ${soakMinutes} min at ${rate} req/s (${Number.isFinite(sustained) ? `half of the ${fmt(sustained, 0)} bids/s the queue path sustained` : 'given'}), samples every ${soakOptions.sampleSeconds} s`);
      const result = await soak(ctx, soakPairs, soakOptions);
      describeSoak(result, soakOptions).forEach(print);
      results.push(...soakResults(result, soakOptions));
      soakSamples = result.samples;
    }
  } finally {
    await matching.close();
    await seeder.close();
    await stack.close();
    closeHttp();
  }
  print(`queue bench done in ${fmt((Date.now() - started) / 1000, 0)} s`);
  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    writeFileSync(options.json, JSON.stringify({ at: new Date().toISOString(), mode, sizes, results, soakSamples }, null, 2));
  }
  return results;
}

async function challenges(ctx: QueueContext, count: number, deadline: Date, seed: number): Promise<PublishedChallenge[]> {
  const list: PublishedChallenge[] = [];
  for (let i = 0; i < count; i++) list.push(await ctx.seeder.challenge(ctx.lead, deadline, seed + i));
  return list;
}

async function rushScenario(ctx: QueueContext): Promise<BenchResult[]> {
  const { sizes } = ctx;
  const rounds: RushRound[] = [];
  for (let r = 0; r < sizes.rushRounds; r++) {
    const round = await rushRound(ctx, r);
    rounds.push(round);
    print(`rush ${r + 1}/${sizes.rushRounds}: ${describeRush(round)}`);
    await waitDrained(ctx);
  }
  const holds = rounds.every((r) => r.storedMatchesAccepted && r.storedAtOrAfterDeadline === 0 && r.unassessed === 0 && r.assessed === r.accepted);
  const note = `${sizes.smes} SMEs, one bid each at uniform times within the last ${sizes.rushWindowMs / 1000} s before the deadline${ctx.full ? '' : ' (quick: reduced size, same 200 bids/s)'}; ${rounds.length} rounds${notQuiet(rounds)}`;
  return [
    {
      name: 'deadline rush',
      metric: 'accepted bids (stored = accepted, all assessed, none stored at/after the deadline)',
      value: median(rounds.map((r) => r.accepted)),
      unit: 'bids',
      bar: { text: 'every accepted bid stored and assessed; none after the deadline', holds },
      spread: spread(rounds.map((r) => r.accepted), 0),
      note,
    },
    {
      name: 'deadline rush',
      metric: 'refused bids (every one sent before the deadline)',
      value: median(rounds.map((r) => r.refused)),
      unit: 'bids',
      spread: spread(rounds.map((r) => r.refused), 0),
      note: `${note}; codes: ${rounds.map((r) => r.refusals).join(' | ')}; a BIDDING_CLOSED here was sent before the deadline and still waited for the challenge's row lock when it passed`,
    },
    { name: 'deadline rush', metric: 'bid POST p99', value: median(rounds.map((r) => r.p99Ms)), unit: 'ms', spread: spread(rounds.map((r) => r.p99Ms), 0), note },
    {
      name: 'deadline rush',
      metric: 'deadline → last assessment stored',
      value: median(rounds.map((r) => r.lastAssessmentAfterDeadlineMs / 1000)),
      unit: 's',
      spread: spread(rounds.map((r) => r.lastAssessmentAfterDeadlineMs / 1000), 2),
      note,
    },
  ];
}

async function pathScenario(ctx: QueueContext, pairs: PairSource): Promise<PathRound[]> {
  const { sizes } = ctx;
  const rounds: PathRound[] = [];
  for (let r = 0; r < sizes.pathRounds; r++) {
    const round = await pathRound(ctx, pairs, sizes.pathRoundMs, sizes.pathRate);
    rounds.push(round);
    print(`queue path ${r + 1}/${sizes.pathRounds}: ${describePath(round, sizes.pathRate)}`);
    await waitDrained(ctx);
  }
  return rounds;
}

function pathResults(ctx: QueueContext, rounds: PathRound[]): BenchResult[] {
  const { sizes } = ctx;
  const note =
    `${sizes.pathRounds} × ${sizes.pathRoundMs / 1000} s at ${sizes.pathRate} bids/s over ${pairsNote(ctx)}, after a ${sizes.pathWarmUpMs / 1000} s warm-up; ` +
    `OUTBOX_POLL_MS 500 (default); submitted = bids.submitted_at (database clock, start of the bid transaction), assessed = bid_assessments.computed_at${notQuiet(rounds)}`;
  const p99 = rounds.map((r) => r.p99Ms);
  const holds = rounds.every((r) => r.p99Ms <= 2000 && r.unassessed === 0);
  return [
    { name: 'queue path', metric: 'bid submitted → assessment stored p99', value: median(p99), unit: 'ms', bar: { text: 'p99 ≤ 2 s at 200 bids/s', holds }, spread: spread(p99, 0), note },
    { name: 'queue path', metric: 'bid submitted → assessment stored p50', value: median(rounds.map((r) => r.p50Ms)), unit: 'ms', spread: spread(rounds.map((r) => r.p50Ms), 0), note },
    { name: 'queue path', metric: '201 received → assessment stored p99', value: median(rounds.map((r) => r.from201P99Ms)), unit: 'ms', spread: spread(rounds.map((r) => r.from201P99Ms), 0), note },
    { name: 'queue path', metric: 'bid POST p99 at 200 bids/s', value: median(rounds.map((r) => r.postP99Ms)), unit: 'ms', spread: spread(rounds.map((r) => r.postP99Ms), 0), note },
  ];
}

/** Says which rounds other processes disturbed (bench/queue-activity.ts). */
function notQuiet(rounds: Array<{ activity: string }>): string {
  const disturbed = rounds.map((r, i) => (r.activity.startsWith('NOT QUIET') ? i + 1 : 0)).filter((i) => i > 0);
  return disturbed.length ? `; machine NOT QUIET in round(s) ${disturbed.join(', ')} (other processes > 20% of a core)` : '';
}

const pairsNote = (ctx: QueueContext) => `unique (SME, challenge) pairs, ${ctx.smes.length} SMEs`;

async function throughputScenario(ctx: QueueContext, bids: string[]): Promise<BenchResult[]> {
  const { sizes } = ctx;
  const jobs = Math.min(sizes.jobs, bids.length);
  const bench = await ThroughputBench.open(ctx, bids);
  const measured = new Map<Variant, Measurement[]>(VARIANTS.map((v) => [v, []]));
  try {
    for (const variant of VARIANTS) await bench.measure(variant, Math.min(sizes.jobWarmUp, jobs));
    for (let r = 0; r < sizes.jobRounds; r++) {
      const order = r % 2 === 0 ? VARIANTS : [...VARIANTS].reverse();
      for (const variant of order) {
        const m = await bench.measure(variant, jobs);
        measured.get(variant)!.push(m);
        print(
          `throughput ${r + 1}/${sizes.jobRounds} ${variant.padEnd(24)} ${fmt(m.jobsPerS, 0).padStart(6)} jobs/s (${jobs} in ${fmt(m.seconds, 2)} s); ` +
            `consumer CPU ${fmt(m.workerCpuMsPerJob, 2)} ms/job, Redis ${fmt(m.redisCpuMsPerJob, 3)} ms/job, Postgres ${fmt(m.postgresCpuMsPerJob, 3)} ms/job, machine ${fmt(m.machineBusy * 100, 0)}% busy` +
            (m.othersPercent > 20 ? `, NOT QUIET: other processes ${fmt(m.othersPercent, 0)}% of a core` : '') +
            (m.relayPerS ? `; relay ${fmt(m.relayPerS, 0)} rows/s, ${fmt(m.relayBatchMs!, 0)} ms per batch of 200` : '') +
            (m.failed ? `; FAILED ${m.failed}` : ''),
        );
        await waitDrained(ctx);
      }
    }
  } finally {
    await bench.close();
  }
  const rate = (v: Variant) => measured.get(v)!.map((m) => m.jobsPerS);
  const noop = median(rate('no-op'));
  const note = `${sizes.jobRounds} rounds × ${jobs} assess-bid jobs (ids of real bids), enqueued with Queue.addBulk into the paused queue and resumed (enqueueing and the relay not timed), concurrency ${MATCHING_CONCURRENCY} both; variants alternate; ${CORES} cores`;
  const result = (variant: Variant, metric: string, bar?: string): BenchResult => {
    const values = rate(variant);
    const ratios = values.map((v, i) => v / measured.get('no-op')![i].jobsPerS);
    const value = median(values);
    return {
      name: 'queue throughput',
      metric,
      value,
      unit: 'jobs/s',
      baseline: { name: `bare BullMQ Worker, no-op processor, same Redis, concurrency ${MATCHING_CONCURRENCY}`, value: noop },
      ratio: value / noop,
      bar: bar ? { text: bar, holds: value / noop >= 0.5 } : undefined,
      spread: `${spread(values, 0)}; ratio per round ${ratios.map((x) => `${fmt(x, 2)}×`).join(', ')}`,
      note: `${note}; failed jobs ${measured.get(variant)!.reduce((a, m) => a + m.failed, 0)}`,
    };
  };
  const relay = measured.get('outbox → relay → worker')!;
  return [
    result('assess-bid', 'assess-bid jobs/s, real worker (1 joined read of 4 tables + the assessment + 1 upsert per job)', '≥ 0.5× of no-op for the light jobs'),
    result('assess-bid, unknown bid', 'assess-bid jobs/s on unknown bids (the joined read finds nothing, skipped): framework cost per job plus one read'),
    {
      ...result('outbox → relay → worker', 'assess-bid jobs/s through the outbox relay (rows inserted at once, relay publishing while the processors run)'),
      note: `relay ${fmt(median(relay.map((m) => m.relayPerS ?? NaN)), 0)} rows/s, ${fmt(median(relay.map((m) => m.relayBatchMs ?? NaN)), 0)} ms per batch of 200 (sent_at spacing); from the insert's commit to the last job finished; ${note}`,
    },
    { name: 'queue throughput', metric: 'no-op jobs/s (the baseline)', value: noop, unit: 'jobs/s', spread: spread(rate('no-op'), 0), note },
  ];
}

function soakResults(r: SoakResult, options: SoakOptions): BenchResult[] {
  // A GC cycle moves RSS by tens of MiB: a slope means something only over many samples, so runs shorter than
  // 10 minutes report the numbers without a verdict (QUALITY.md's bar is for 30 minutes).
  const judged = options.minutes >= 10;
  const note =
    `${fmt(r.seconds / 60, 1)} min at ${options.rate} req/s (${r.newBids} bids + ${r.amendments} amendments), samples every ${options.sampleSeconds} s; slope after the first fifth; ` +
    (judged
      ? 'flat = projected growth over 30 min ≤ min(10% of the level, 8 MiB) (or ≤ 1 MiB); judged on RSS after a full collection, RSS as read shown for reference'
      : 'too short to judge flatness (no verdict under 10 minutes)');
  return r.series
    .filter((s) => s.unit === 'MiB' && /RSS|Redis/.test(s.name))
    .map((s) => ({
      name: 'soak',
      metric: `${s.name} slope (start ${fmt(s.start, 1)}, end ${fmt(s.end, 1)}, max ${fmt(s.max, 1)} MiB)`,
      value: s.slopePer10Min,
      unit: 'MiB/10 min',
      bar: judged && s.judged ? { text: 'flat (completed jobs are removed)', holds: s.flat } : undefined,
      note: `${note}; revision → assessment p99 ${fmt(r.assessedP99Ms, 0)} ms, unassessed ${r.unassessed}`,
    }));
}

/** A functional check of every scenario in well under a minute of load (numbers meaningless). */
const SMOKE: Partial<QueueSizes> = { smes: 60, rushRounds: 1, rushWindowMs: 1_000, pathRoundMs: 2_000, pathRounds: 1, pathWarmUpMs: 500, pathRate: 50, jobs: 100, jobRounds: 1, jobWarmUp: 20 };

function parseArgs(argv: string[]): QueueBenchOptions {
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string) => (value(name) === undefined ? undefined : Number(value(name)));
  return {
    full: argv.includes('--full'),
    soakMinutes: number('--soak-minutes'),
    soakRate: number('--soak-rate'),
    soakSampleSeconds: number('--soak-sample-seconds'),
    only: value('--only')?.split(',') as Scenario[] | undefined,
    profileWorker: argv.includes('--profile-worker'),
    redisUrl: value('--redis-url'),
    json: value('--json'),
    sizes: argv.includes('--smoke') ? SMOKE : undefined,
  };
}

if (require.main === module) {
  run(parseArgs(process.argv.slice(2))).then(
    (results) => {
      for (const r of results) {
        const bar = r.bar ? ` — bar ${r.bar.text}: ${r.bar.holds ? 'holds' : 'MISSED'}` : '';
        const ratio = r.ratio !== undefined ? ` (${fmt(r.ratio, 2)}× ${r.baseline?.name})` : '';
        console.log(`${r.name} | ${r.metric}: ${fmt(r.value, r.unit === 'jobs/s' || r.unit === 'ms' || r.unit === 'bids' ? 0 : 2)} ${r.unit}${ratio}${bar}`);
      }
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
