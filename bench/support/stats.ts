/** Small statistics helpers shared by the benchmarks (nearest-rank quantiles). */

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** A number with thousands separators and at most `digits` decimals. */
export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** "min–max a–b" over the rounds (the spread the runner prints beside a median). */
export function minMax(values: readonly number[], digits = 1): string {
  if (values.length === 0) return '';
  return `min–max ${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
