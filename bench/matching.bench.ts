/**
 * Matching benchmark (QUALITY.md "Performance: matching"): builds a RankingIndex over synthetic SME profiles
 * (100k, or 20k with --quick), then measures
 *  - index build time (tokenizing included);
 *  - ranking time per challenge at limit 50 and 200 (the worker stores the top 200): warm-up, then several
 *    rounds over the same challenges; median and p99;
 *  - beside it, in the same run, exhaustive scoring (`exhaustive: true`: every enterprise with any query
 *    term) — the speed-up of candidate selection as a ratio, and how many of the exhaustive top 10 it keeps;
 *  - incremental updates: replacing existing profiles (upsert of a known id) and removing + re-adding.
 *
 *   node -r ./bench/register.js bench/matching.bench.ts [--quick] [--json bench/results/matching.json]
 */
import { writeFileSync } from 'node:fs';
import { type ChallengeQuery, type EnterpriseDocument, RankingIndex, tokenize } from '@jiebang/matching';
import { syntheticChallenge, syntheticEnterprise } from './synthetic';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonAt = args.indexOf('--json');
const PROFILES = quick ? 20_000 : 100_000;
const CHALLENGES = 200;
const WARM_UP = 50;
const ROUNDS = 3;
const UPDATES = 2_000;

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Per-challenge ranking times over `ROUNDS` rounds after a warm-up. */
function rankTimes(index: RankingIndex, challenges: readonly ChallengeQuery[], limit: number, exhaustive = false): number[] {
  for (const challenge of challenges.slice(0, WARM_UP)) index.rank(challenge, { limit, exhaustive });
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const challenge of challenges) times.push(time(() => index.rank(challenge, { limit, exhaustive })));
  }
  return times;
}

function main(): void {
  tokenize('预热 warm-up'); // load the dictionaries before timing
  const generated = performance.now();
  const profiles: EnterpriseDocument[] = Array.from({ length: PROFILES }, (_, i) => syntheticEnterprise(i));
  const challenges: ChallengeQuery[] = Array.from({ length: CHALLENGES }, (_, i) => syntheticChallenge(i));
  const generateMs = performance.now() - generated;

  const index = new RankingIndex({ now: () => 2026 });
  const buildMs = time(() => {
    for (const profile of profiles) index.upsert(profile);
  });
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;

  const rank50 = rankTimes(index, challenges, 50);
  const rank200 = rankTimes(index, challenges, 200);
  const exhaustive50 = rankTimes(index, challenges, 50, true);

  let kept = 0;
  for (const challenge of challenges) {
    const cascade = new Set(index.rank(challenge, { limit: 10 }).map((r) => r.enterpriseId));
    const full = index.rank(challenge, { limit: 10, exhaustive: true });
    kept += full.filter((r) => cascade.has(r.enterpriseId)).length / Math.max(1, full.length);
  }

  // Incremental updates: replace existing profiles with edited versions, then remove and re-add others.
  const replaceTimes: number[] = [];
  for (let i = 0; i < UPDATES; i++) {
    const id = (i * 7919) % PROFILES;
    const edited = { ...syntheticEnterprise(id, 2), id: profiles[id].id };
    replaceTimes.push(time(() => index.upsert(edited)));
  }
  const removeAddTimes: number[] = [];
  for (let i = 0; i < UPDATES; i++) {
    const profile = profiles[(i * 104729) % PROFILES];
    removeAddTimes.push(
      time(() => {
        index.remove(profile.id);
        index.upsert(profile);
      }),
    );
  }
  const afterUpdates = rankTimes(index, challenges, 50);

  const median = (values: number[]) => quantile(values, 0.5);
  const p99 = (values: number[]) => quantile(values, 0.99);
  const ms = (value: number) => value.toFixed(2);
  const results = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    profiles: PROFILES,
    challenges: CHALLENGES,
    rounds: ROUNDS,
    generateMs: Math.round(generateMs),
    buildMs: Math.round(buildMs),
    heapMb: Math.round(heapMb),
    rank50: { median: median(rank50), p99: p99(rank50) },
    rank200: { median: median(rank200), p99: p99(rank200) },
    exhaustive50: { median: median(exhaustive50), p99: p99(exhaustive50) },
    top10KeptByCandidateSelection: kept / challenges.length,
    replace: { median: median(replaceTimes), p99: p99(replaceTimes) },
    removeAndAdd: { median: median(removeAddTimes), p99: p99(removeAddTimes) },
    rank50AfterUpdates: { median: median(afterUpdates), p99: p99(afterUpdates) },
  };

  const rows: Array<[string, string, string]> = [
    [`index build, ${PROFILES.toLocaleString('en-US')} profiles`, `${(buildMs / 1000).toFixed(1)} s`, '≤ 30 s'],
    ['heap after build', `${Math.round(heapMb)} MiB`, ''],
    ['rank one challenge, limit 50 (median / p99)', `${ms(results.rank50.median)} / ${ms(results.rank50.p99)} ms`, '≤ 20 ms'],
    ['rank one challenge, limit 200 (median / p99)', `${ms(results.rank200.median)} / ${ms(results.rank200.p99)} ms`, '≤ 20 ms'],
    [
      'exhaustive scoring, limit 50 (median / p99)',
      `${ms(results.exhaustive50.median)} / ${ms(results.exhaustive50.p99)} ms`,
      `selection is ${(results.exhaustive50.median / results.rank50.median).toFixed(1)}× faster`,
    ],
    ['exhaustive top 10 kept by candidate selection', `${(results.top10KeptByCandidateSelection * 100).toFixed(1)}%`, ''],
    ['upsert replacing a profile (median / p99)', `${ms(results.replace.median)} / ${ms(results.replace.p99)} ms`, ''],
    ['remove + upsert (median / p99)', `${ms(results.removeAndAdd.median)} / ${ms(results.removeAndAdd.p99)} ms`, ''],
    ['rank, limit 50, after 4,000 updates (median / p99)', `${ms(results.rank50AfterUpdates.median)} / ${ms(results.rank50AfterUpdates.p99)} ms`, '≤ 20 ms'],
  ];
  console.log(`\nmatching benchmark — ${PROFILES.toLocaleString('en-US')} synthetic profiles, ${CHALLENGES} challenges × ${ROUNDS} rounds, Node ${process.version}\n`);
  console.log('| what | measured | bar / ratio |');
  console.log('|---|---|---|');
  for (const [what, measured, bar] of rows) console.log(`| ${what} | ${measured} | ${bar} |`);
  if (jsonAt >= 0 && args[jsonAt + 1]) writeFileSync(args[jsonAt + 1], `${JSON.stringify(results, null, 2)}\n`);
}

main();
