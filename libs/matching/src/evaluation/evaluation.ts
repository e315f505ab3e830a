/** Offline evaluation of a ranking against known winners (DATA.md "Metrics" and "The evaluation report"). */

export const HIT_RATE_CUTOFFS = [1, 5, 10, 50] as const;

export interface EvaluationMetrics {
  'HR@1': number;
  'HR@5': number;
  'HR@10': number;
  'HR@50': number;
  'MRR@10': number;
}

/** The DATA.md report written by `eval:matching --out`. */
export interface EvaluationReport {
  metrics: EvaluationMetrics;
  /** Challenges in the file. */
  challenges: number;
  /** Challenges that were scored (every challenge; one whose winner is missing counts as a miss). */
  evaluated: number;
  enterprises: number;
  method: string;
  timings: { indexBuildMs: number; rankMsMedian: number; rankMsP99: number; totalMs: number };
}

/** One challenge's outcome: the winners' ids and the ranked ids (best first, at least the top 50). */
export interface RankingOutcome {
  expected: readonly string[];
  ranking: readonly string[];
}

/** 1-based position of the first expected id in the ranking, or null when none of them is in it. */
export function firstHitRank(outcome: RankingOutcome): number | null {
  const expected = new Set(outcome.expected);
  const index = outcome.ranking.findIndex((id) => expected.has(id));
  return index < 0 ? null : index + 1;
}

/**
 * HR@k = share of challenges with a winner in the top k; MRR@10 = mean of 1 / rank of the first winner,
 * 0 beyond rank 10. Every outcome counts: a winner that is not ranked (missing from the enterprise file or
 * not retrieved) is a miss. No outcomes → all metrics 0.
 */
export function evaluateRankings(outcomes: readonly RankingOutcome[]): EvaluationMetrics {
  return metricsFromRanks(outcomes.map(firstHitRank));
}

/** The same metrics from each challenge's first-hit rank (null = miss). */
export function metricsFromRanks(ranks: ReadonlyArray<number | null>): EvaluationMetrics {
  const n = ranks.length;
  const hitRate = (k: number) => (n === 0 ? 0 : ranks.filter((rank) => rank !== null && rank <= k).length / n);
  const reciprocal = ranks.reduce<number>((sum, rank) => sum + (rank !== null && rank <= 10 ? 1 / rank : 0), 0);
  return {
    'HR@1': hitRate(1),
    'HR@5': hitRate(5),
    'HR@10': hitRate(10),
    'HR@50': hitRate(50),
    'MRR@10': n === 0 ? 0 : reciprocal / n,
  };
}

/** The value at quantile `q` (0–1) of `values` by the nearest-rank method; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}
