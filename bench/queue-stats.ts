/** Small statistics and formatting helpers of the queue benchmark. */

/** The q-quantile (0..1) by nearest rank over a copy; NaN for an empty list. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The median (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "min–max a–b over n rounds" of already-computed per-round values. */
export function spread(values: number[], digits = 1, unit = ''): string {
  if (values.length < 2) return `one round`;
  return `min–max ${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}${unit} over ${values.length} rounds`;
}

export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const MiB = 1024 * 1024;

/** Least-squares slope of y over x (per unit of x). */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/** Counts of each string, "a × 3, b × 1", most frequent first. */
export function tally(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} × ${v}`)
    .join(', ');
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Calls `send(i)` for i = 0..count-1 at `start + offsets[i]` ms (open loop: a slow answer never delays the next
 * send). Returns when every call has settled. `late` is how far behind schedule the sends went (this process's
 * timer lag), so a reader can tell a late generator from a slow service.
 */
export async function openLoop<T>(start: number, offsets: number[], send: (i: number) => Promise<T>): Promise<{ results: T[]; maxLateMs: number }> {
  const results: T[] = new Array(offsets.length);
  const pending: Promise<void>[] = [];
  let maxLateMs = 0;
  let i = 0;
  while (i < offsets.length) {
    const now = Date.now();
    while (i < offsets.length && start + offsets[i] <= now) {
      const at = i;
      maxLateMs = Math.max(maxLateMs, Math.round(now - (start + offsets[at])));
      pending.push(send(at).then((r) => void (results[at] = r)));
      i += 1;
    }
    if (i < offsets.length) await sleep(Math.max(0, Math.min(5, start + offsets[i] - Date.now())));
  }
  await Promise.all(pending);
  return { results, maxLateMs };
}
