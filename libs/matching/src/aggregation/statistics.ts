/**
 * Small numeric helpers of the aggregation, each written one way only so that the audit data recomputes
 * exactly (same summation order, same rounding).
 */

/** Decimals every stored number (totals, scores, interval ends, means) is rounded to: stable in JSON. */
export const STORED_DECIMALS = 4;
const SCALE = 10 ** STORED_DECIMALS;
// Module-level aliases: under Jest the code runs in a vm context where each lookup of a global (Math,
// Infinity) goes through an interceptor and costs more than the arithmetic around it.
const { abs, round, sign, sqrt } = Math;

/** Rounds to 4 decimals, half away from zero on the scaled value (`Math.round(x × 10⁴) / 10⁴` for x ≥ 0). */
export function round4(value: number): number {
  const rounded = sign(value) * (round(abs(value) * SCALE) / SCALE);
  return rounded === 0 ? 0 : rounded; // no -0 in JSON-bound data
}

export function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}

/** Arithmetic mean, summing in the given order; 0 for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * Population standard deviation √(Σ(x − x̄)² / n) — the spread of the values themselves, not an estimate
 * of a wider population (no n − 1): with 3 reviews the sample version would inflate it by √1.5. 0 for fewer
 * than two values.
 */
export function populationSpread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const centre = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - centre) * (value - centre);
  return sqrt(squares / values.length);
}

/**
 * The bid statistic: the mean, or with `trimFrom` or more values the mean without the single highest and
 * the single lowest, computed as (Σx − max − min) / (n − 2). 0 for no values.
 */
export function bidStatistic(values: readonly number[], trimFrom: number): number {
  const n = values.length;
  if (n === 0) return 0;
  let sum = values[0];
  let min = sum;
  let max = sum;
  for (let i = 1; i < n; i++) {
    const value = values[i];
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return n >= trimFrom ? (sum - min - max) / (n - 2) : sum / n;
}

/**
 * 1-based nearest ranks of the two ends of a central `level` interval over `count` sorted values:
 * ⌈α·B⌉ and ⌈(1 − α)·B⌉ with α = (1 − level) / 2 (50 and 950 for level 0.9, B = 1000). The epsilon
 * absorbs floating-point noise: a product meant to be exactly 50 that comes out 50.000000000000007 stays 50.
 */
export function intervalRanks(count: number, level: number): [number, number] {
  const tail = (1 - level) / 2;
  const lower = Math.min(count, Math.max(1, Math.ceil(tail * count - 1e-9)));
  const upper = Math.min(count, Math.max(1, Math.ceil((1 - tail) * count - 1e-9)));
  return [lower, upper];
}
