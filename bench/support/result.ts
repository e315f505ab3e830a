/**
 * One measured result of a benchmark, as every benchmark module hands it to the runner (`bench/run.ts`):
 *
 *   export async function run(options: { full: boolean }): Promise<BenchResult[]>
 *
 * - `value` is the median over the rounds (or the one measured value), in `unit`;
 * - `baseline` is what the same run measured for the baseline (same unit); `ratio` is value / baseline.value, or the
 *   median of the per-round ratios when the two were measured in alternating rounds (say so in `note`);
 * - `bar` is the QUALITY.md bar as text ("≥ 0.6×", "p99 ≤ 50 ms") and whether this run meets it;
 * - `spread` is the variation over the rounds as text ("min–max 1,210–1,340", "p10–p90 …");
 * - `note` says what was measured at which size (quick runs use reduced sizes and must say so).
 */
export interface BenchResult {
  name: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  bar?: { text: string; holds: boolean };
  spread?: string;
  note?: string;
}

export interface BenchOptions {
  /** QUALITY.md sizes and durations; otherwise the quick suite's reduced ones. */
  full: boolean;
}

/** What a benchmark module exports for the runner. */
export type BenchModule = { run(options: BenchOptions): Promise<BenchResult[]> };
