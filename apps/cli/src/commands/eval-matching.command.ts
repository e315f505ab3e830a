import { writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import { type EnterpriseImportRecord, parseEnterpriseImportLine } from '@jiebang/domain';
import {
  type ChallengeQuery,
  type EnterpriseDocument,
  type EvaluationReport,
  evaluateRankings,
  quantile,
  RANKING_METHOD,
  RankingIndex,
  type RankingOutcome,
} from '@jiebang/matching';
import { readNdjsonFile } from '../support/ndjson-file';

export interface EvalMatchingOptions {
  enterprises: string;
  challenges: string;
  /** Where to write the DATA.md report (JSON). */
  out?: string;
  /** Evaluate only the first `limit` challenges (quick runs; the report counts all in `challenges`). */
  limit?: number;
  /** No progress bars and no printed summary (tests). */
  quiet?: boolean;
}

/** A challenge line of the evaluation set (DATA.md) as a query plus its known winners. */
export interface EvaluationChallenge {
  externalId: string;
  query: ChallengeQuery;
  expected: string[];
}

/** Depth of each ranking: enough for HR@50. */
const DEPTH = 50;

/**
 * A validated enterprise import line as the matching worker sees it: the same fields its
 * `toEnterpriseDocument` takes from the organization and profile the import creates, with id = externalId.
 */
export function enterpriseDocumentOf(record: EnterpriseImportRecord): EnterpriseDocument {
  return {
    id: record.externalId,
    name: record.name,
    region: record.region,
    size: record.size,
    description: record.profile.description,
    capabilities: record.profile.capabilities,
    industries: record.profile.industries,
    certifications: record.profile.certifications,
    patents: record.profile.patents.map((patent) => ({ title: patent.title, year: patent.year })),
    pastProjects: record.profile.pastProjects.map((project) => ({ ...project })),
  };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** A DATA.md challenge line, or why it cannot be used (`externalId` and a list `expected` are required). */
export function evaluationChallengeOf(value: unknown): EvaluationChallenge | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'the line must be a JSON object' };
  const v = value as Record<string, unknown>;
  if (typeof v.externalId !== 'string' || v.externalId.length === 0) return { error: 'externalId: required string' };
  if (!Array.isArray(v.expected)) return { error: 'expected: required list of enterprise externalIds' };
  return {
    externalId: v.externalId,
    expected: strings(v.expected),
    query: {
      title: text(v.title),
      description: text(v.description),
      tags: strings(v.tags),
      kpis: strings(v.kpis),
      industry: typeof v.industry === 'string' && v.industry.length > 0 ? v.industry : null,
      issuer: typeof v.issuer === 'string' ? v.issuer : null,
      year: typeof v.year === 'number' && Number.isInteger(v.year) ? v.year : null,
    },
  };
}

/**
 * `npm run eval:matching -- --enterprises FILE --challenges FILE [--out report.json] [--limit N]`: indexes
 * every enterprise with the engine the matching worker uses (`RankingIndex`, default parameters), ranks them
 * for every challenge and reports HR@1/5/10/50, MRR@10 and timings (DATA.md "The evaluation report").
 * Files are NDJSON, plain or gzip. Unreadable lines are reported and skipped; a challenge whose expected
 * enterprise is not in the enterprise file is still evaluated, as a miss.
 */
export async function evalMatching(options: EvalMatchingOptions): Promise<EvaluationReport> {
  const started = performance.now();
  const log = (line: string) => {
    if (!options.quiet) console.log(line);
  };
  const skipped: string[] = [];
  const bar = (format: string) =>
    new SingleBar({ format, stream: process.stderr, hideCursor: true, etaBuffer: 50 }, Presets.shades_classic);

  const index = new RankingIndex();
  let indexBuildMs = 0;
  const reading = bar('enterprises [{bar}] {percentage}% | {count} indexed | {eta_formatted} left');
  if (!options.quiet) reading.start((await stat(options.enterprises)).size, 0, { count: 0 });
  for await (const item of readNdjsonFile(options.enterprises, (read) => options.quiet || reading.update(read))) {
    const parsed = item.error === undefined ? parseEnterpriseImportLine(item.value) : { errors: [item.error] };
    if ('errors' in parsed) {
      skipped.push(`${options.enterprises}:${item.line}: ${parsed.errors.join('; ')}`);
      continue;
    }
    const document = enterpriseDocumentOf(parsed.record);
    const t0 = performance.now();
    index.upsert(document);
    indexBuildMs += performance.now() - t0;
    if (!options.quiet) reading.increment(0, { count: index.size });
  }
  if (!options.quiet) reading.stop();

  const all: EvaluationChallenge[] = [];
  for await (const item of readNdjsonFile(options.challenges)) {
    const challenge = item.error === undefined ? evaluationChallengeOf(item.value) : { error: item.error };
    if ('error' in challenge) skipped.push(`${options.challenges}:${item.line}: ${challenge.error}`);
    else all.push(challenge);
  }
  const challenges = options.limit !== undefined && options.limit >= 0 ? all.slice(0, options.limit) : all;

  const ranking = bar('ranking     [{bar}] {value}/{total} challenges | {eta_formatted} left');
  if (!options.quiet) ranking.start(challenges.length, 0);
  const outcomes: RankingOutcome[] = [];
  const times: number[] = [];
  for (const challenge of challenges) {
    const t0 = performance.now();
    const ranked = index.rank(challenge.query, { limit: DEPTH });
    times.push(performance.now() - t0);
    outcomes.push({ expected: challenge.expected, ranking: ranked.map((r) => r.enterpriseId) });
    if (!options.quiet) ranking.increment();
  }
  if (!options.quiet) ranking.stop();

  const report: EvaluationReport = {
    metrics: evaluateRankings(outcomes),
    challenges: all.length,
    evaluated: challenges.length,
    enterprises: index.size,
    method: RANKING_METHOD,
    timings: {
      indexBuildMs: Math.round(indexBuildMs),
      rankMsMedian: round(quantile(times, 0.5), 3),
      rankMsP99: round(quantile(times, 0.99), 3),
      totalMs: Math.round(performance.now() - started),
    },
  };
  printSummary(report, skipped, log);
  if (options.out) {
    writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
    log(`report written to ${options.out}`);
  }
  return report;
}

function printSummary(report: EvaluationReport, skipped: readonly string[], log: (line: string) => void): void {
  const m = report.metrics;
  const t = report.timings;
  log(`method ${report.method}: ${report.evaluated} of ${report.challenges} challenges over ${report.enterprises} enterprises`);
  log(`  HR@1 ${m['HR@1'].toFixed(3)}   HR@5 ${m['HR@5'].toFixed(3)}   HR@10 ${m['HR@10'].toFixed(3)}   HR@50 ${m['HR@50'].toFixed(3)}   MRR@10 ${m['MRR@10'].toFixed(3)}`);
  log(`  index build ${(t.indexBuildMs / 1000).toFixed(1)} s; ranking median ${t.rankMsMedian} ms, p99 ${t.rankMsP99} ms; total ${(t.totalMs / 1000).toFixed(1)} s`);
  if (skipped.length > 0) {
    log(`  skipped ${skipped.length} unreadable line${skipped.length === 1 ? '' : 's'}:`);
    for (const line of skipped.slice(0, 10)) log(`    ${line}`);
    if (skipped.length > 10) log(`    … and ${skipped.length - 10} more`);
  }
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
