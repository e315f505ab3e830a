import { round4 } from './statistics';
import type { ScorecardCriterionInput } from './types';

/** How far the scorecard weights may sum from 100 (floating-point slack, not a tolerance for bad input). */
const WEIGHT_SUM_SLACK = 1e-6;

/** Throws a RangeError unless the scorecard is usable: keys unique, weights ≥ 0 summing to 100, maxScore > 0. */
export function assertScorecard(criteria: readonly ScorecardCriterionInput[]): void {
  if (criteria.length === 0) throw new RangeError('scorecard has no criteria');
  const keys = new Set<string>();
  let weights = 0;
  for (const { key, weight, maxScore } of criteria) {
    if (keys.has(key)) throw new RangeError(`scorecard criterion "${key}" appears twice`);
    keys.add(key);
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`criterion "${key}": weight must be ≥ 0`);
    if (!Number.isFinite(maxScore) || maxScore <= 0) throw new RangeError(`criterion "${key}": maxScore must be > 0`);
    weights += weight;
  }
  if (Math.abs(weights - 100) > WEIGHT_SUM_SLACK) throw new RangeError(`scorecard weights sum to ${weights}, not 100`);
}

/** reviewTotal without re-checking the scorecard (the caller did, once). */
export function totalOf(criteria: readonly ScorecardCriterionInput[], scores: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const { key, weight, maxScore } of criteria) {
    const score: unknown = scores[key]; // Object.prototype has no number-valued property
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > maxScore) {
      throw new RangeError(`criterion "${key}": score must be a number in [0, ${maxScore}], got ${String(score)}`);
    }
    total += (weight * score) / maxScore;
  }
  return round4(total);
}

/**
 * A review's total t = Σ weight_k × score_k / maxScore_k on 0–100, summed in scorecard order and rounded to
 * 4 decimals (stable in JSON). Scores for keys outside the scorecard are ignored; a missing or out-of-range
 * score, or a scorecard whose weights do not sum to 100, throws a RangeError.
 */
export function reviewTotal(criteria: ScorecardCriterionInput[], scores: Record<string, number>): number {
  assertScorecard(criteria);
  return totalOf(criteria, scores);
}
