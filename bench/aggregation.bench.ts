/**
 * Aggregation benchmark (QUALITY.md "Performance": aggregation of 6,000 reviews ≤ 50 ms): one challenge with
 * 2,000 bids × 3 reviews over 500 reviewers (about 60% of them with enough history to be calibrated),
 * a 4-criterion scorecard. Measured in the same run, interleaved round by round so that both see the same
 * machine load:
 *  - `aggregateReviews`: totals, calibration, trimmed means, 1,000-resample bootstrap intervals, flags, ranking;
 *  - the baseline: the plain raw mean ranking (the same `reviewTotal`s, mean per bid, sort, shortlist) — no
 *    calibration, no bootstrap, no flags; the ratio is what the full method costs over it;
 *  - the bootstrap alone (`bootstrapInterval` for every bid), its share of the full run;
 *  - 2,000 bids × 5 reviews (trimmed means, 3,125 resample codes per bid) for scale.
 * Warm-up first, then medians (and p90) over the rounds.
 *
 *   node -r ./bench/register.js bench/aggregation.bench.ts [--rounds 40] [--json bench/results/aggregation.json]
 */
import { writeFileSync } from 'node:fs';
import {
  aggregateReviews,
  type AggregationInput,
  bootstrapInterval,
  reviewTotal,
  type ReviewerHistory,
  seedKey,
  streamState,
  TRIM_FROM,
} from '@jiebang/matching';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const ROUNDS = Number(option('--rounds') ?? 40);
const WARM_UP = 10;
const BIDS = 2_000;
const REVIEWERS = 500;

const criteria = [
  { key: 'technical', weight: 40, maxScore: 10 },
  { key: 'feasibility', weight: 30, maxScore: 10 },
  { key: 'team', weight: 20, maxScore: 10 },
  { key: 'price', weight: 10, maxScore: 10 },
];

/** Park–Miller minimal standard generator: deterministic synthetic data. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function syntheticChallenge(perBid: number): AggregationInput {
  const random = generator(20260301 + perBid);
  const reviewers: Record<string, ReviewerHistory> = {};
  for (let r = 0; r < REVIEWERS; r++) {
    reviewers[`reviewer-${r}`] = { count: Math.floor(random() * 20), mean: 45 + random() * 30, spread: 3 + random() * 15 };
  }
  const bids = Array.from({ length: BIDS }, (_, b) => {
    const quality = 30 + 60 * random();
    const panel = new Set<number>();
    while (panel.size < perBid) panel.add(Math.floor(random() * REVIEWERS));
    return {
      bidId: `bid-${String(b).padStart(5, '0')}`,
      firstSubmittedAt: new Date(Date.UTC(2026, 2, 1) + b * 60_000).toISOString(),
      reviews: [...panel].map((r) => {
        const scores: Record<string, number> = {};
        for (const { key } of criteria) scores[key] = Math.min(10, Math.max(0, Math.round((quality + 20 * (random() - 0.5)) / 5) / 2));
        return { reviewerId: `reviewer-${r}`, scores };
      }),
    };
  });
  return {
    criteria,
    passingScore: 60,
    shortlistSize: 10,
    bids,
    calibration: { minReviews: 8, platformMean: 58, platformSpread: 14, reviewers },
    seed: 'bench-challenge',
  };
}

/** The baseline: raw mean of the review totals, ranked with the same tie-break, top 10 passing shortlisted. */
function rawMeanRanking(input: AggregationInput): string[] {
  const scored = input.bids.map((bid) => {
    let sum = 0;
    for (const review of bid.reviews) sum += reviewTotal(input.criteria, review.scores);
    return { bidId: bid.bidId, at: Date.parse(bid.firstSubmittedAt), score: bid.reviews.length > 0 ? sum / bid.reviews.length : 0 };
  });
  scored.sort((a, b) => b.score - a.score || a.at - b.at || (a.bidId < b.bidId ? -1 : 1));
  return scored.filter((bid) => bid.score >= input.passingScore).slice(0, input.shortlistSize).map((bid) => bid.bidId);
}

/** Only the bootstrap intervals, over the raw totals (same work as inside the aggregation). */
function bootstrapOnly(input: AggregationInput, totals: number[][]): number {
  const key = seedKey(input.seed);
  let checksum = 0;
  input.bids.forEach((bid, i) => (checksum += bootstrapInterval(totals[i], streamState(key, bid.bidId), TRIM_FROM)[0]));
  return checksum;
}

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function main(): void {
  const three = syntheticChallenge(3);
  const five = syntheticChallenge(5);
  const threeTotals = three.bids.map((bid) => bid.reviews.map((review) => reviewTotal(criteria, review.scores)));
  const runs = {
    aggregate: () => aggregateReviews(three),
    baseline: () => rawMeanRanking(three),
    bootstrap: () => bootstrapOnly(three, threeTotals),
    aggregateFive: () => aggregateReviews(five),
  };
  const times: Record<keyof typeof runs, number[]> = { aggregate: [], baseline: [], bootstrap: [], aggregateFive: [] };
  for (let i = 0; i < WARM_UP; i++) for (const run of Object.values(runs)) run();
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(runs) as Array<keyof typeof runs>) times[name].push(time(runs[name]));
  }

  const result = aggregateReviews(three);
  const calibratedShare = Object.values(result.reviewerCalibration).filter((r) => r.applied).length / Object.keys(result.reviewerCalibration).length;
  const summary = (values: number[]) => ({ median: quantile(values, 0.5), p90: quantile(values, 0.9), min: Math.min(...values) });
  const results = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    bids: BIDS,
    reviewers: REVIEWERS,
    rounds: ROUNDS,
    calibratedReviewerShare: calibratedShare,
    aggregate6000: summary(times.aggregate),
    rawMeanBaseline6000: summary(times.baseline),
    bootstrapOnly6000: summary(times.bootstrap),
    aggregate10000: summary(times.aggregateFive),
  };
  const ratio = results.aggregate6000.median / results.rawMeanBaseline6000.median;
  const ms = (value: number) => value.toFixed(2);
  const cell = (s: { median: number; p90: number; min: number }) => `${ms(s.median)} / ${ms(s.p90)} / ${ms(s.min)} ms`;
  const rows: Array<[string, string, string]> = [
    ['aggregateReviews, 6,000 reviews (2,000 bids × 3)', cell(results.aggregate6000), '≤ 50 ms'],
    ['baseline: raw mean ranking, same 6,000 reviews', cell(results.rawMeanBaseline6000), `full method ${ratio.toFixed(1)}× the baseline`],
    [
      'of which bootstrap intervals alone',
      cell(results.bootstrapOnly6000),
      `${((100 * results.bootstrapOnly6000.median) / results.aggregate6000.median).toFixed(0)}% of the full run`,
    ],
    ['aggregateReviews, 10,000 reviews (2,000 bids × 5, trimmed)', cell(results.aggregate10000), ''],
  ];
  console.log(
    `\naggregation benchmark — ${BIDS.toLocaleString('en-US')} bids, ${REVIEWERS} reviewers (${(100 * calibratedShare).toFixed(0)}% calibrated), ` +
      `${WARM_UP} warm-up + ${ROUNDS} interleaved rounds, Node ${process.version}\n`,
  );
  console.log('| what | median / p90 / min | bar / ratio |');
  console.log('|---|---|---|');
  for (const [what, measured, bar] of rows) console.log(`| ${what} | ${measured} | ${bar} |`);
  const jsonAt = option('--json');
  if (jsonAt) writeFileSync(jsonAt, `${JSON.stringify({ ...results, ratioToBaseline: ratio }, null, 2)}\n`);
}

main();
