/**
 * `npm run bench` — every benchmark in turn, one table, one JSON file (issue 7, QUALITY.md "Performance").
 *
 *   npm run bench                       quick suite (reduced sizes, named below and in the output; ≤ 5 min on 2 cores)
 *   npm run bench -- --full             QUALITY.md sizes
 *   npm run bench -- --only http,queue  some entries only
 *
 * Entries, each in a process of its own, one after the other:
 *  - matching, assignment, aggregation: the existing scripts, run with `--json` and read back;
 *  - http (bench/http.bench.ts) and queue (bench/queue.bench.ts): modules exporting
 *    `run(options: { full: boolean }): Promise<BenchResult[]>` (bench/support/result.ts), run through
 *    bench/support/run-module.ts. Before each, the runner recreates the database `jiebang_bench` (migrated) and
 *    picks a queue prefix of its own in the local Redis, handed over as BENCH_DATABASE_URL, BENCH_REDIS_URL and
 *    BENCH_QUEUE_PREFIX (bench/support/environment.ts); afterwards it removes that prefix's keys.
 * A missing module or a failing entry is reported as FAILED (exit code 1); a bar missed is a result, not a failure.
 * Results go to bench/results/<date>.json (git-ignored), with the machine's state.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { benchRedisUrl, clearQueuePrefix, freshBenchDatabase, newQueuePrefix } from './support/environment';
import { ROOT } from './support/processes';
import type { BenchResult } from './support/result';
import { fmt } from './support/stats';

const args = process.argv.slice(2);
const full = args.includes('--full');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',').filter(Boolean)) : null;
const RESULTS_DIR = join(ROOT, 'bench/results');

interface Entry {
  name: string;
  file: string;
  /** What this mode measures (printed before the run). */
  sizes: string;
  /** A script with its own flags and JSON (adapted here), or a module exporting run(). */
  kind: { script: string[]; adapt: (json: unknown) => BenchResult[] } | { module: true };
  timeoutMs: number;
}

// ---------------------------------------------------------------------------------------------------------------
// The existing scripts' JSON, as BenchResults

type Timing = { median: number; p99: number };
interface MatchingJson {
  profiles: number;
  buildMs: number;
  heapMb: number;
  rank50: Timing;
  rank200: Timing;
  exhaustive50: Timing;
  rank50AfterUpdates: Timing;
  top10KeptByCandidateSelection: number;
}

function adaptMatching(json: unknown): BenchResult[] {
  const m = json as MatchingJson;
  const size = `${fmt(m.profiles, 0)} profiles`;
  const reduced = m.profiles < 100_000 ? ' — reduced size, the bar is for 100,000' : '';
  const rank = (name: string, t: Timing, extra: Partial<BenchResult> = {}): BenchResult => ({
    name: `matching: ${name} (${size})`,
    metric: 'median per challenge',
    value: t.median,
    unit: 'ms',
    spread: `p99 ${fmt(t.p99, 2)} ms`,
    bar: { text: 'p99 ≤ 20 ms', holds: t.p99 <= 20 },
    ...extra,
  });
  return [
    {
      name: `matching: index build (${size})`,
      metric: 'build, tokenizing included',
      value: m.buildMs / 1000,
      unit: 's',
      bar: { text: '≤ 30 s at 100k', holds: m.buildMs <= 30_000 },
      note: `heap after build ${m.heapMb} MiB${reduced}`,
    },
    rank('rank, limit 50', m.rank50, {
      baseline: { name: 'exhaustive scoring', value: m.exhaustive50.median },
      ratio: m.rank50.median / m.exhaustive50.median,
      note: `exhaustive top 10 kept by candidate selection ${(100 * m.top10KeptByCandidateSelection).toFixed(1)}%${reduced}`,
    }),
    rank('rank, limit 200 (as the worker stores)', m.rank200, { note: reduced.slice(3) || undefined }),
    rank('rank, limit 50, after 4,000 updates', m.rank50AfterUpdates, { note: reduced.slice(3) || undefined }),
  ];
}

interface AssignmentJson {
  results: Array<{
    name: string;
    bids: number;
    reviewers: number;
    candidates: number;
    full: { medianMs: number; totalAffinity: number; assigned: number; certificate: { optimal: boolean } };
    pruned: { candidatesPerBid: number; coldMs: number; medianMs: number; totalAffinity: number; assigned: number; certificate: { optimal: boolean } };
    greedy: { medianMs: number; totalAffinity: number };
    verifyMs: number;
  }>;
}

function adaptAssignment(json: unknown): BenchResult[] {
  return (json as AssignmentJson).results.map((r) => {
    const same = r.full.totalAffinity === r.pruned.totalAffinity && r.full.assigned === r.pruned.assigned;
    return {
      name: `reviewer assignment: ${fmt(r.bids, 0)} bids × ${r.reviewers} reviewers × 3, ${r.name}`,
      metric: `exact min-cost flow, top ${r.pruned.candidatesPerBid} candidates per bid`,
      value: r.pruned.medianMs,
      unit: 'ms',
      spread: `first call ${fmt(r.pruned.coldMs, 0)} ms`,
      baseline: { name: 'exact on the full candidate graph', value: r.full.medianMs },
      ratio: r.pruned.medianMs / r.full.medianMs,
      bar: { text: '≤ 2 s, certified optimal, pruned = full', holds: r.pruned.medianMs <= 2000 && r.pruned.certificate.optimal && same },
      note:
        `total affinity ${r.pruned.totalAffinity} (full ${r.full.totalAffinity}); certificate check ${fmt(r.verifyMs, 0)} ms; greedy ` +
        `${((100 * r.greedy.totalAffinity) / r.full.totalAffinity).toFixed(2)}% of optimal in ${fmt(r.greedy.medianMs, 0)} ms`,
    };
  });
}

interface AggregationJson {
  rounds: number;
  aggregate6000: { median: number; p90: number; min: number };
  rawMeanBaseline6000: { median: number; p90: number; min: number };
  bootstrapOnly6000: { median: number };
}

function adaptAggregation(json: unknown): BenchResult[] {
  const a = json as AggregationJson;
  return [
    {
      name: 'aggregation: 6,000 reviews (2,000 bids × 3)',
      metric: `aggregateReviews, median of ${a.rounds} rounds`,
      value: a.aggregate6000.median,
      unit: 'ms',
      spread: `p90 ${fmt(a.aggregate6000.p90, 1)} ms, min ${fmt(a.aggregate6000.min, 1)} ms`,
      baseline: { name: 'raw-mean ranking', value: a.rawMeanBaseline6000.median },
      ratio: a.aggregate6000.median / a.rawMeanBaseline6000.median,
      bar: { text: '≤ 50 ms', holds: a.aggregate6000.median <= 50 },
      note: `of which bootstrap ${fmt(a.bootstrapOnly6000.median, 1)} ms`,
    },
  ];
}

const ENTRIES: Entry[] = [
  {
    name: 'matching',
    file: 'bench/matching.bench.ts',
    sizes: full ? '100,000 synthetic profiles, 200 challenges × 3 rounds' : '20,000 synthetic profiles (QUALITY.md: 100,000), 200 challenges × 3 rounds',
    kind: { script: full ? [] : ['--quick'], adapt: adaptMatching },
    timeoutMs: full ? 15 * 60_000 : 4 * 60_000,
  },
  {
    name: 'assignment',
    file: 'bench/assignment.bench.ts',
    sizes: full ? '2,000 × 500 × 3, demand-matched and uniform pools' : '2,000 × 500 × 3, demand-matched pool only (no uniform stress instance)',
    kind: { script: full ? [] : ['--quick'], adapt: adaptAssignment },
    timeoutMs: full ? 10 * 60_000 : 3 * 60_000,
  },
  {
    name: 'aggregation',
    file: 'bench/aggregation.bench.ts',
    sizes: full ? '6,000 reviews, 10 warm-up + 40 rounds' : '6,000 reviews, 10 warm-up + 10 rounds (full: 40)',
    kind: { script: full ? [] : ['--rounds', '10'], adapt: adaptAggregation },
    timeoutMs: full ? 5 * 60_000 : 2 * 60_000,
  },
  {
    name: 'http',
    file: 'bench/http.bench.ts',
    sizes: full
      ? '10,000 challenges, 200 SMEs, 5 rounds of 10–15 s, 10 s warm-ups'
      : '10,000 challenges, 40 SMEs (full: 200), 3 rounds of 4–5 s (full: 5 of 10–15 s), 3 s warm-ups',
    kind: { module: true },
    timeoutMs: full ? 20 * 60_000 : 4 * 60_000,
  },
  {
    name: 'queue',
    file: 'bench/queue.bench.ts',
    sizes: full ? 'as bench/queue.bench.ts defines (full)' : 'as bench/queue.bench.ts defines (quick)',
    kind: { module: true },
    timeoutMs: full ? 60 * 60_000 : 4 * 60_000,
  },
];

// ---------------------------------------------------------------------------------------------------------------

interface EntryOutcome {
  name: string;
  file: string;
  ok: boolean;
  seconds: number;
  error?: string;
  results: BenchResult[];
}

/** Runs a child with its output indented under the entry's heading; rejects on a non-zero exit or the timeout. */
function runChild(command: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'bench/register.js'), ...command], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const indent = (input: NodeJS.ReadableStream | null, output: NodeJS.WritableStream) => {
      if (input) createInterface({ input, crlfDelay: Infinity }).on('line', (line) => output.write(`  │ ${line}\n`));
    };
    indent(child.stdout, process.stdout);
    indent(child.stderr, process.stderr);
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
      reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`exited with ${signal ?? `code ${code}`}`));
    });
  });
}

async function runEntry(entry: Entry, scratch: string): Promise<EntryOutcome> {
  const started = Date.now();
  const outcome = (partial: Partial<EntryOutcome>): EntryOutcome => ({
    name: entry.name,
    file: entry.file,
    ok: false,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    results: [],
    ...partial,
  });
  if (!existsSync(join(ROOT, entry.file))) {
    return outcome({ error: `${entry.file} does not exist (yet) in this checkout: nothing was measured` });
  }
  const json = join(scratch, `${entry.name}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  let prefix: string | null = null;
  try {
    if ('script' in entry.kind) {
      await runChild([entry.file, ...entry.kind.script, '--json', json], env, entry.timeoutMs);
      return outcome({ ok: true, results: entry.kind.adapt(JSON.parse(readFileSync(json, 'utf8'))) });
    }
    prefix = newQueuePrefix();
    env.BENCH_DATABASE_URL = await freshBenchDatabase();
    env.BENCH_REDIS_URL = benchRedisUrl();
    env.BENCH_QUEUE_PREFIX = prefix;
    await runChild(['bench/support/run-module.ts', entry.file, ...(full ? ['--full'] : []), '--json', json], env, entry.timeoutMs);
    return outcome({ ok: true, results: JSON.parse(readFileSync(json, 'utf8')) as BenchResult[] });
  } catch (error) {
    return outcome({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    if (prefix) await clearQueuePrefix(benchRedisUrl(), prefix).catch(() => undefined);
  }
}

function table(outcomes: EntryOutcome[]): string {
  const header = ['benchmark', 'metric', 'median', 'spread', 'baseline', 'ratio', 'bar', 'holds?'];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const o of outcomes) {
    if (!o.ok) {
      rows.push([o.name, `FAILED: ${o.error}`, '', '', '', '', '', 'FAILED']);
      continue;
    }
    for (const r of o.results) {
      if (r.note) notes.push(`[${notes.length + 1}] ${r.name}: ${r.note}`);
      rows.push([
        r.note ? `${r.name} [${notes.length}]` : r.name,
        r.metric,
        `${fmt(r.value, r.value >= 100 ? 0 : 2)} ${r.unit}`,
        r.spread ?? '',
        r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value, r.baseline.value >= 100 ? 0 : 2)} ${r.unit}` : '',
        r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : '',
        r.bar?.text ?? '',
        r.bar ? (r.bar.holds ? 'yes' : 'NO') : '',
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line), '', ...notes].join('\n');
}

function machine() {
  const git = (gitArgs: string[]) => {
    try {
      return execFileSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    commit: git(['rev-parse', '--short', 'HEAD']),
    dirty: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
  };
}

function resultsFile(date: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  let file = join(RESULTS_DIR, `${date}.json`);
  for (let n = 2; existsSync(file); n++) file = join(RESULTS_DIR, `${date}-${n}.json`);
  return file;
}

async function main(): Promise<void> {
  const entries = ENTRIES.filter((e) => !only || only.has(e.name));
  const before = machine();
  const startedAt = new Date();
  console.log(
    `Jiebang benchmarks — ${full ? 'full (QUALITY.md sizes)' : 'quick suite (reduced sizes; `npm run bench -- --full` for QUALITY.md sizes)'}\n` +
      `${before.cpus} × ${before.cpuModel}, ${before.memoryGiB} GiB, Node ${before.node}, commit ${before.commit}${before.dirty ? ' (modified)' : ''}, ` +
      `load average ${before.loadAverage.join(' ')}\n`,
  );
  for (const e of entries) console.log(`  ${e.name.padEnd(12)} ${e.sizes}`);
  const scratch = join(RESULTS_DIR, '.scratch');
  mkdirSync(scratch, { recursive: true });
  const outcomes: EntryOutcome[] = [];
  for (const entry of entries) {
    console.log(`\n▶ ${entry.name} (${entry.file})`);
    const outcome = await runEntry(entry, scratch);
    console.log(outcome.ok ? `✔ ${entry.name}: ${outcome.seconds} s` : `✘ ${entry.name} FAILED after ${outcome.seconds} s: ${outcome.error}`);
    outcomes.push(outcome);
  }
  rmSync(scratch, { recursive: true, force: true });
  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const after = machine();
  console.log(`\n${table(outcomes)}\n`);
  const file = resultsFile(startedAt.toISOString().slice(0, 10));
  writeFileSync(
    file,
    `${JSON.stringify({ date: startedAt.toISOString(), mode: full ? 'full' : 'quick', seconds, machine: { before, loadAverageAfter: after.loadAverage }, entries: outcomes }, null, 2)}\n`,
  );
  const failed = outcomes.filter((o) => !o.ok);
  const missed = outcomes.flatMap((o) => o.results).filter((r) => r.bar && !r.bar.holds);
  console.log(
    `${full ? 'full' : 'quick'} run: ${Math.floor(seconds / 60)} min ${seconds % 60} s; load average before ${before.loadAverage.join(' ')}, after ` +
      `${after.loadAverage.join(' ')}; ${missed.length} bar(s) missed, ${failed.length} entr${failed.length === 1 ? 'y' : 'ies'} failed` +
      `${failed.length ? ` (${failed.map((f) => f.name).join(', ')})` : ''}; results: ${file.replace(`${ROOT}/`, '')}`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
