/**
 * HTTP benchmarks (QUALITY.md "Performance": HTTP overhead, read path, write path) with autocannon against the
 * real services, each a child process started as production starts it (its own `main.ts`, NODE_ENV=production,
 * a JWT_SECRET, LOG_LEVEL=warn, the default pool of 10 connections) on a fresh database `jiebang_bench`:
 *
 *  1. HTTP overhead — `GET /api/v1/challenges/:id` through challenge-service vs a bare Fastify + `pg` server in its
 *     own process running the same SQL (bench/support/bare-challenge-server.ts); closed loop, 32 connections,
 *     app and bare alternating round by round (the order swaps every round); req/s of each, ratio app/bare;
 *     bar: ≥ 0.6×.
 *  2. Read path — `GET /api/v1/challenges?limit=20` over 10,000 published challenges: the maximum (closed loop,
 *     32 connections), then a fixed rate of 70% of it (autocannon `overallRate`); p50/p99 and errors; bar:
 *     p99 ≤ 50 ms, no errors.
 *  3. Write path — `POST /api/v1/bids` at 50 concurrent connections, every request a different SME/challenge pair
 *     (SMEs registered through the API, their own tokens); p99 and non-2xx; bar: p99 ≤ 100 ms, no 5xx. The
 *     worker does not run: the bid, its revision, the audit event and the outbox row are written in the request's
 *     one transaction whether or not a worker relays the outbox afterwards.
 * Every measurement has a warm-up and several rounds; the median over the rounds is reported with min–max.
 *
 * Data: one lead registered through the API creates and publishes a challenge through the API (KPIs, scorecard,
 * no eligibility rules); SQL then copies that row 9,999 times (new id, title, created_at one second apart, the
 * same search vector) — the app reads them exactly like challenges it wrote. SMEs register through the API
 * (Argon2id, the production profile), so AUTH_RATE_LIMIT_PER_MINUTE is raised for this run; the measured routes
 * are not throttled.
 *
 *   node -r ./bench/register.js bench/http.bench.ts [--full] [--json bench/results/http.json]   (npm run bench:http)
 *   … --smoke: 1,000 challenges, one 1-second round of each — checks that it all runs, measures nothing
 *   … --only overhead,read,write: some of the three; --profile: `--cpu-prof` of the apps and the bare server
 *     (bench/results/profiles/*.cpuprofile; summarise with `node bench/support/cpu-profile-summary.js <file>`)
 *
 * Quick (default alone and in `npm run bench`): the same 10,000 challenges (seeding them takes about a second),
 * 40 SMEs, 3 rounds of 4–5 s. `--full`: 200 SMEs, 5 rounds of 10–15 s, longer warm-ups.
 *
 * On one machine autocannon, the app and Postgres share the cores: absolute numbers are lower than on separate
 * machines; the ratio is measured under the same conditions for both sides.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { makeCreditCode } from '@jiebang/domain';
import { BenchEnvironment, benchEnvironment } from './support/environment';
import { appProcess, BenchProcess, benchJwtSecret, freePort, productionEnv, ROOT } from './support/processes';
import type { BenchOptions, BenchResult } from './support/result';
import { fmt, median, minMax, quantile, sleep } from './support/stats';

interface Sizes {
  challenges: number;
  smes: number;
  rounds: number;
  warmUpSeconds: number;
  overheadSeconds: number;
  maxSeconds: number;
  rateSeconds: number;
  bidSeconds: number;
}

const QUICK: Sizes = { challenges: 10_000, smes: 40, rounds: 3, warmUpSeconds: 3, overheadSeconds: 4, maxSeconds: 4, rateSeconds: 5, bidSeconds: 5 };
const FULL: Sizes = { challenges: 10_000, smes: 200, rounds: 5, warmUpSeconds: 10, overheadSeconds: 10, maxSeconds: 10, rateSeconds: 15, bidSeconds: 15 };
/** `--smoke`: checks that everything runs (seconds, not a measurement). */
const SMOKE: Sizes = { challenges: 1_000, smes: 4, rounds: 1, warmUpSeconds: 1, overheadSeconds: 1, maxSeconds: 1, rateSeconds: 2, bidSeconds: 1 };

const READ_CONNECTIONS = 32;
const BID_CONNECTIONS = 50;
/** The fixed-rate load is spread over this many autocannon instances started evenly across one second (below). */
const RATE_INSTANCES = 10;
const RATE_SHARE = 0.7;

// ---------------------------------------------------------------------------------------------------------------
// Load generation

interface Shot {
  /** Responses per second over the run. */
  rps: number;
  /** Every response's latency (ms, any status), as autocannon's clients timed it. */
  latencies: number[];
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  fiveXx: number;
  seconds: number;
}


/** One autocannon run; latencies are collected from every response (autocannon's histogram keeps 2xx only). */
function shoot(options: autocannon.Options): Promise<Shot> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ ...options, timeout: 10 }, (error: unknown, result: autocannon.Result) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      const statusCounts: Record<string, number> = {};
      for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = Number((stats as { count: number }).count);
      const total = Object.values(statusCounts).reduce((a, b) => a + b, 0);
      resolve({
        rps: total / result.duration,
        latencies,
        statusCounts,
        errors: result.errors,
        non2xx: result.non2xx,
        fiveXx: Object.entries(statusCounts).reduce((n, [code, count]) => (code.startsWith('5') ? n + count : n), 0),
        seconds: result.duration,
      });
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}

/**
 * A fixed overall rate. autocannon paces each connection per second — a connection sends its share back to back
 * from the start of its second, then waits — so one instance with many connections fires bursts of all of them at
 * once. Here `RATE_INSTANCES` instances of one connection each carry an equal share of the rate and start
 * 1/RATE_INSTANCES s apart, which spreads those bursts over the second.
 */
async function shootAtRate(base: autocannon.Options, rate: number, seconds: number): Promise<Shot & { targetRps: number }> {
  const share = Math.max(1, Math.round(rate / RATE_INSTANCES));
  const runs: Array<Promise<Shot>> = [];
  for (let i = 0; i < RATE_INSTANCES; i++) {
    runs.push(shoot({ ...base, connections: 1, overallRate: share, duration: seconds }));
    await sleep(1000 / RATE_INSTANCES);
  }
  const shots = await Promise.all(runs);
  const sum = (pick: (s: Shot) => number) => shots.reduce((n, s) => n + pick(s), 0);
  const statusCounts: Record<string, number> = {};
  for (const shot of shots) for (const [code, count] of Object.entries(shot.statusCounts)) statusCounts[code] = (statusCounts[code] ?? 0) + count;
  return {
    rps: sum((s) => s.rps),
    latencies: shots.flatMap((s) => s.latencies),
    statusCounts,
    errors: sum((s) => s.errors),
    non2xx: sum((s) => s.non2xx),
    fiveXx: sum((s) => s.fiveXx),
    seconds,
    targetRps: share * RATE_INSTANCES,
  };
}

/** Requests cycling through `paths` (every connection takes the next one). */
function cycling(paths: string[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (request: autocannon.Request) => ({ ...request, path: paths[next++ % paths.length] }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Data

interface Account {
  token: string;
  organizationId: string;
}

async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function register(challengeUrl: string, role: 'lead' | 'sme', n: number): Promise<Account> {
  const region = role === 'lead' ? '350100' : '350102';
  const { status, body } = await postJson(`${challengeUrl}/api/v1/auth/register`, {
    email: `bench-${role}-${n}@example.com`,
    password: `${role}-bench-password-${n}`,
    name: role === 'lead' ? '王经理' : '李工',
    role,
    organization: {
      name: role === 'lead' ? '福建链主装备集团' : `专精特新伺服科技${n}号有限公司`,
      creditCode: makeCreditCode((role === 'lead' ? 10_000_000 : 20_000_000) + n, region),
      region,
      size: role === 'lead' ? 'large' : 'small',
    },
  });
  if (status !== 201) throw new Error(`register ${role} ${n}: ${status} ${JSON.stringify(body)}`);
  const user = body.user as { organizationId: string };
  return { token: String(body.accessToken), organizationId: user.organizationId };
}

/** Runs `work` for 0..count-1 with at most `parallel` at a time. */
async function inParallel<T>(count: number, parallel: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

interface Kpi {
  id: string;
  name: string;
  target: string;
  mandatory: boolean;
}

interface Seeded {
  challengeIds: string[];
  kpis: Kpi[];
  smes: Account[];
}

async function seed(env: BenchEnvironment, challengeUrl: string, sizes: Sizes): Promise<Seeded> {
  const lead = await register(challengeUrl, 'lead', 1);
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const created = await postJson(
    `${challengeUrl}/api/v1/challenges`,
    {
      title: '高精度伺服电机控制器 High-precision servo motor controller',
      description:
        '为数控机床研制定位精度优于0.01毫米的伺服电机控制器,支持EtherCAT总线与绝对值编码器,' +
        '要求在-20℃至60℃环境下稳定运行,并提供完整的调试工具与技术文档。 Develop a servo drive for CNC machine tools ' +
        'with sub-10-micron positioning, EtherCAT and absolute encoders, stable from -20 to 60 °C.',
      industry: 'C3411',
      tags: ['伺服', 'motion-control', 'EtherCAT'],
      kpis: [
        { name: '定位精度 Positioning accuracy', target: '≤0.01', unit: 'mm', mandatory: true },
        { name: '响应时间 Response time', target: '≤1', unit: 'ms', mandatory: true },
        { name: '功耗 Power draw', target: '<50', unit: 'W', mandatory: false },
      ],
      rewardYuan: 2_000_000,
      bidDeadline: deadline,
    },
    lead.token,
  );
  if (created.status !== 201) throw new Error(`create challenge: ${created.status} ${JSON.stringify(created.body)}`);
  const templateId = String(created.body.id);
  const published = await postJson(`${challengeUrl}/api/v1/challenges/${templateId}/publish`, {}, lead.token);
  if (published.status !== 200 && published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);

  const db = new Client({ connectionString: env.databaseUrl, application_name: 'jiebang-bench-seed' });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO challenges (id, organization_id, organization_name, created_by, status, version, title, description, industry, tags,
              kpis, reward_yuan, eligibility, bid_deadline, max_winners, shortlist_size, passing_score, scorecard, reviewers_per_bid,
              blind_review, published_at, search_vector, created_at, updated_at)
       SELECT gen_random_uuid(), t.organization_id, t.organization_name, t.created_by, t.status, t.version, t.title || ' #' || n,
              t.description, t.industry, t.tags, t.kpis, t.reward_yuan + n * 100, t.eligibility, t.bid_deadline, t.max_winners,
              t.shortlist_size, t.passing_score, t.scorecard, t.reviewers_per_bid, t.blind_review,
              t.published_at - n * interval '1 second', t.search_vector, t.created_at - n * interval '1 second',
              t.updated_at - n * interval '1 second'
         FROM challenges t, generate_series(1, $2::int) AS n
        WHERE t.id = $1`,
      [templateId, sizes.challenges - 1],
    );
    await db.query('ANALYZE challenges');
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM challenges WHERE status = 'published' ORDER BY created_at DESC`);
    const smes = await inParallel(sizes.smes, 2, (i) => register(challengeUrl, 'sme', i + 1));
    return { challengeIds: rows.map((r) => r.id), kpis: (created.body.kpis as Kpi[]) ?? [], smes };
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The three benchmarks

function shuffled<T>(items: T[], seed = 20261124): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function overhead(appUrl: string, bareUrl: string, seeded: Seeded, sizes: Sizes, log: (line: string) => void): Promise<BenchResult[]> {
  const paths = shuffled(seeded.challengeIds)
    .slice(0, 2000)
    .map((id) => `/api/v1/challenges/${id}`);
  const run = (url: string, seconds: number) => shoot({ url, connections: READ_CONNECTIONS, duration: seconds, requests: cycling(paths) });
  await run(appUrl, sizes.warmUpSeconds);
  await run(bareUrl, sizes.warmUpSeconds);
  const app: Shot[] = [];
  const bare: Shot[] = [];
  for (let round = 0; round < sizes.rounds; round++) {
    const order: Array<[string, Shot[]]> = round % 2 === 0 ? [[appUrl, app], [bareUrl, bare]] : [[bareUrl, bare], [appUrl, app]];
    for (const [url, into] of order) into.push(await run(url, sizes.overheadSeconds));
    log(`  round ${round + 1}: app ${fmt(app[round].rps, 0)} req/s, bare ${fmt(bare[round].rps, 0)} req/s`);
  }
  const appRps = app.map((s) => s.rps);
  const bareRps = bare.map((s) => s.rps);
  const ratios = appRps.map((v, i) => v / bareRps[i]);
  const ratio = median(ratios);
  const bad = [...app, ...bare].reduce((n, s) => n + s.errors + s.non2xx, 0);
  const p99 = (shots: Shot[]) => median(shots.map((s) => quantile(s.latencies, 0.99)));
  return [
    {
      name: 'HTTP overhead: GET /api/v1/challenges/:id',
      metric: `req/s, closed loop, ${READ_CONNECTIONS} connections`,
      value: median(appRps),
      unit: 'req/s',
      baseline: { name: 'bare Fastify + pg, same SQL', value: median(bareRps) },
      ratio,
      bar: { text: 'app ≥ 0.6× bare', holds: ratio >= 0.6 && bad === 0 },
      spread: `app ${minMax(appRps, 0)}; bare ${minMax(bareRps, 0)}; ratio ${minMax(ratios, 2)}`,
      note:
        `${sizes.rounds} alternating rounds of ${sizes.overheadSeconds} s each after ${sizes.warmUpSeconds} s warm-ups; ratio = median of the ` +
        `per-round ratios; p99 app ${fmt(p99(app), 1)} ms, bare ${fmt(p99(bare), 1)} ms; errors + non-2xx: ${bad}`,
    },
  ];
}

async function readPath(appUrl: string, sizes: Sizes, log: (line: string) => void): Promise<BenchResult[]> {
  const path = '/api/v1/challenges?limit=20';
  const closed = (seconds: number) => shoot({ url: appUrl + path, connections: READ_CONNECTIONS, duration: seconds });
  await closed(sizes.warmUpSeconds);
  const maxRounds = Math.max(2, sizes.rounds - 2);
  const maxima: Shot[] = [];
  for (let round = 0; round < maxRounds; round++) maxima.push(await closed(sizes.maxSeconds));
  const max = median(maxima.map((s) => s.rps));
  const rate = Math.round(RATE_SHARE * max);
  log(`  list max ${fmt(max, 0)} req/s (${minMax(maxima.map((s) => s.rps), 0)}); fixed rate ${rate} req/s`);
  const shots: Array<Shot & { targetRps: number }> = [];
  for (let round = 0; round < sizes.rounds; round++) {
    const shot = await shootAtRate({ url: appUrl + path }, rate, sizes.rateSeconds);
    shots.push(shot);
    log(
      `  round ${round + 1}: ${fmt(shot.rps, 0)} req/s, p50 ${fmt(quantile(shot.latencies, 0.5), 2)} ms, ` +
        `p99 ${fmt(quantile(shot.latencies, 0.99), 2)} ms, errors ${shot.errors}, non-2xx ${shot.non2xx}`,
    );
  }
  const p99s = shots.map((s) => quantile(s.latencies, 0.99));
  const p50s = shots.map((s) => quantile(s.latencies, 0.5));
  const errors = shots.reduce((n, s) => n + s.errors + s.non2xx, 0);
  const p99 = median(p99s);
  const maxP99 = median(maxima.map((s) => quantile(s.latencies, 0.99)));
  return [
    {
      name: 'read path: GET /api/v1/challenges?limit=20, maximum',
      metric: `req/s, closed loop, ${READ_CONNECTIONS} connections`,
      value: max,
      unit: 'req/s',
      spread: minMax(maxima.map((s) => s.rps), 0),
      note: `${fmt(sizes.challenges, 0)} published challenges; ${maxRounds} rounds of ${sizes.maxSeconds} s; p99 at the maximum ${fmt(maxP99, 1)} ms`,
    },
    {
      name: 'read path: GET /api/v1/challenges?limit=20 at 70% of max',
      metric: 'p99 latency',
      value: p99,
      unit: 'ms',
      bar: { text: 'p99 ≤ 50 ms, no errors', holds: p99 <= 50 && errors === 0 },
      spread: minMax(p99s, 1),
      note:
        `target ${rate} req/s (${RATE_INSTANCES} autocannon instances × 1 connection, overallRate ${Math.round(rate / RATE_INSTANCES)} each), ` +
        `achieved ${fmt(median(shots.map((s) => s.rps)), 0)} req/s; p50 ${fmt(median(p50s), 2)} ms; ${sizes.rounds} rounds of ${sizes.rateSeconds} s; ` +
        `errors + non-2xx: ${errors}`,
    },
  ];
}

async function writePath(bidding: BenchProcess, seeded: Seeded, sizes: Sizes, log: (line: string) => void): Promise<BenchResult[]> {
  const biddingUrl = bidding.httpUrl;
  const { challengeIds, smes } = seeded;
  const step = Math.max(1, Math.floor(challengeIds.length / smes.length));
  const kpiResponses = seeded.kpis.filter((k) => k.mandatory).map((k) => ({ kpiId: k.id, commitment: `满足 ${k.name} ${k.target}` }));
  const content = {
    summary: '基于自研FOC算法的伺服控制方案,双闭环控制,EtherCAT实时通信',
    technicalApproach: '采用双核MCU实现电流环与位置环,结合23位绝对值编码器与自适应陷波滤波,提供上位机调试工具。',
    priceYuan: 1_800_000,
    durationDays: 180,
    kpiResponses,
    milestones: [
      { title: '样机 Prototype', dueDay: 90, paymentPercent: 40 },
      { title: '验收 Acceptance', dueDay: 180, paymentPercent: 60 },
    ],
    team: [{ name: '陈博士', role: '技术负责人 Lead engineer' }],
  };
  // Request k: SME k mod S on challenge (⌊k/S⌋ + s·step) mod C — every pair at most once (k < S·C), and requests
  // in flight together come from different SMEs on different challenges.
  let k = 0;
  const capacity = smes.length * challengeIds.length;
  const requests: autocannon.Request[] = [
    {
      method: 'POST',
      path: '/api/v1/bids',
      setupRequest: (request: autocannon.Request) => {
        if (k >= capacity) throw new Error('out of unique SME/challenge pairs');
        const s = k % smes.length;
        const challengeId = challengeIds[(Math.floor(k / smes.length) + s * step) % challengeIds.length];
        k += 1;
        return {
          ...request,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${smes[s].token}` },
          body: JSON.stringify({ challengeId, ...content }),
        };
      },
    },
  ];
  const run = (seconds: number) => shoot({ url: biddingUrl, connections: BID_CONNECTIONS, duration: seconds, requests });
  // bidding-service serves nothing before this (the SMEs register at challenge-service): a longer warm-up.
  await run(Math.max(5, sizes.warmUpSeconds));
  const shots: Shot[] = [];
  for (let round = 0; round < sizes.rounds; round++) {
    const shot = await run(sizes.bidSeconds);
    shots.push(shot);
    log(
      `  round ${round + 1}: ${fmt(shot.rps, 0)} bids/s, p50 ${fmt(quantile(shot.latencies, 0.5), 1)} ms, p99 ${fmt(quantile(shot.latencies, 0.99), 1)} ms, ` +
        `statuses ${JSON.stringify(shot.statusCounts)}, errors ${shot.errors}`,
    );
  }
  const p99s = shots.map((s) => quantile(s.latencies, 0.99));
  const p50s = shots.map((s) => quantile(s.latencies, 0.5));
  const non2xx = shots.reduce((n, s) => n + s.non2xx, 0);
  const fiveXx = shots.reduce((n, s) => n + s.fiveXx, 0);
  const errors = shots.reduce((n, s) => n + s.errors, 0);
  const p99 = median(p99s);
  const statuses: Record<string, number> = {};
  for (const shot of shots) for (const [code, n] of Object.entries(shot.statusCounts)) statuses[code] = (statuses[code] ?? 0) + n;
  return [
    {
      name: 'write path: POST /api/v1/bids, unique SME/challenge pairs',
      metric: `p99 latency, ${BID_CONNECTIONS} connections`,
      value: p99,
      unit: 'ms',
      bar: { text: 'p99 ≤ 100 ms, no 5xx', holds: p99 <= 100 && fiveXx === 0 && errors === 0 },
      spread: minMax(p99s, 1),
      note:
        `${fmt(median(shots.map((s) => s.rps)), 0)} bids/s (${minMax(shots.map((s) => s.rps), 0)}); p50 ${fmt(median(p50s), 1)} ms; ` +
        `${smes.length} SMEs × ${fmt(challengeIds.length, 0)} challenges; statuses ${JSON.stringify(statuses)}, non-2xx ${non2xx}, ` +
        `5xx ${fiveXx}, connection errors ${errors}; ${sizes.rounds} rounds of ${sizes.bidSeconds} s; worker not running ` +
        `(the outbox row is written in the same transaction either way); bidding-service RSS ${fmt(bidding.rssBytes() / 2 ** 20, 0)} MiB after`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------

export type Scenario = 'overhead' | 'read' | 'write';

export interface HttpBenchOptions extends BenchOptions {
  /** Seconds, not a measurement: checks that everything runs. */
  smoke?: boolean;
  only?: Scenario[];
  /** `--cpu-prof` for the apps and the bare server, written to bench/results/profiles when they stop. */
  profile?: boolean;
}

export async function run(options: HttpBenchOptions, log: (line: string) => void = console.log): Promise<BenchResult[]> {
  const only = new Set<Scenario>(options.only ?? ['overhead', 'read', 'write']);
  const sizes = options.smoke ? SMOKE : options.full ? FULL : QUICK;
  log(
    `http benchmark (${options.smoke ? 'smoke' : options.full ? 'full' : 'quick'}): ${fmt(sizes.challenges, 0)} challenges, ${sizes.smes} SMEs, ` +
      `${sizes.rounds} rounds; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  const env = await benchEnvironment();
  const secret = benchJwtSecret();
  const [challengePort, biddingPort, barePort] = await Promise.all([freePort(), freePort(), freePort()]);
  const appEnv = productionEnv(env, secret, {
    CHALLENGE_PORT: String(challengePort),
    BIDDING_PORT: String(biddingPort),
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  // BENCH_NODE_ARGS: extra node flags for the apps, e.g. `--max-semi-space-size=16` to measure V8's default young
  // generation against SERVICE_NODE_OPTIONS (a flag on the command line wins over NODE_OPTIONS).
  const nodeArgs = [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/results/profiles')}`] : [])];
  const processes: BenchProcess[] = [
    appProcess('challenge-service', challengePort, appEnv, 'http-challenge-service', nodeArgs),
    appProcess('bidding-service', biddingPort, appEnv, 'http-bidding-service', nodeArgs),
    new BenchProcess(
      'http-bare-server',
      'bench/support/bare-challenge-server.ts',
      { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: env.databaseUrl, PORT: String(barePort), DB_POOL_SIZE: '10' },
      nodeArgs,
      `http://127.0.0.1:${barePort}`,
    ),
  ];
  const [challenge, bidding, bare] = processes;
  try {
    await Promise.all(processes.map((p) => p.start()));
    const started = Date.now();
    const seeded = await seed(env, challenge.httpUrl, sizes);
    log(`  seeded ${fmt(seeded.challengeIds.length, 0)} challenges and ${seeded.smes.length} SMEs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const results: BenchResult[] = [];
    if (only.has('overhead')) {
      log('HTTP overhead (app vs bare, alternating rounds)');
      results.push(...(await overhead(challenge.httpUrl, bare.httpUrl, seeded, sizes, log)));
    }
    if (only.has('read')) {
      log('read path');
      results.push(...(await readPath(challenge.httpUrl, sizes, log)));
    }
    if (only.has('write')) {
      log('write path');
      results.push(...(await writePath(bidding, seeded, sizes, log)));
    }
    return results;
  } finally {
    await Promise.allSettled(processes.map((p) => p.stop()));
    await env.release();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const onlyAt = args.indexOf('--only');
  run({
    full: args.includes('--full'),
    smoke: args.includes('--smoke'),
    profile: args.includes('--profile'),
    only: onlyAt >= 0 ? (args[onlyAt + 1].split(',') as Scenario[]) : undefined,
  })
    .then((results) => {
      for (const r of results) {
        const against = r.ratio !== undefined ? ` (${r.ratio.toFixed(2)}× ${r.baseline?.name})` : '';
        const bar = r.bar ? ` — bar ${r.bar.text}: ${r.bar.holds ? 'holds' : 'MISSED'}` : '';
        console.log(`\n${r.name}\n  ${r.metric}: ${fmt(r.value, 1)} ${r.unit}${against}${bar}\n  ${r.spread ?? ''}\n  ${r.note ?? ''}`);
      }
      if (jsonAt >= 0 && args[jsonAt + 1]) writeFileSync(args[jsonAt + 1], `${JSON.stringify(results, null, 2)}\n`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
