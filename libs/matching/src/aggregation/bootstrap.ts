import { selectRanks, selectRanksOfTally } from './rank-selection';
import { sfc32 } from './seeded-random';
import { intervalRanks } from './statistics';

/** Confidence level of a bid's interval. */
export const INTERVAL_LEVEL = 0.9;
/** Bootstrap resamples per bid. */
export const BOOTSTRAP_SAMPLES = 1000;

const TWO_32 = 4294967296;
/** 2⁻³², exact: multiplying by it divides by 2³² exactly, and is cheaper than dividing. */
const INV_TWO_32 = 1 / TWO_32;
/** Each index read from a generator word leaves at least 16 of its 32 bits unread: bias ≤ 2⁻¹⁶. */
const DIGIT_BUDGET = 65536;
/** Up to this many possible resamples (nⁿ ≤ 27: n ≤ 3), tally them and evaluate each distinct one once. */
const TALLY_CODES = 27;

/** How many base-n digits (indices) one 32-bit word yields: the largest k with nᵏ ≤ 2¹⁶ (at least 1). */
export function indicesPerWord(n: number): number {
  let k = 0;
  for (let power = n; power <= DIGIT_BUDGET; power *= n) k++;
  return k > 0 ? k : 1;
}

/** For n ≤ 6, every resample "code" 0..nⁿ − 1: its n digits (draw order) and its lowest and highest digit. */
interface CodeTable {
  digits: Int32Array;
  lowest: Int32Array;
  highest: Int32Array;
}

const codeTables = new Map<number, CodeTable>();

function codeTable(n: number): CodeTable {
  let table = codeTables.get(n);
  if (!table) {
    const codes = n ** n;
    table = { digits: new Int32Array(codes * n), lowest: new Int32Array(codes), highest: new Int32Array(codes) };
    for (let code = 0; code < codes; code++) {
      let lowest = n;
      let highest = -1;
      for (let i = n - 1, rest = code; i >= 0; i--, rest = (rest / n) | 0) {
        const digit = rest % n;
        table.digits[code * n + i] = digit;
        if (digit < lowest) lowest = digit;
        if (digit > highest) highest = digit;
      }
      table.lowest[code] = lowest;
      table.highest[code] = highest;
    }
    codeTables.set(n, table);
  }
  return table;
}

/** Σx / n, or (Σx − max − min) / (n − 2) when trimmed, over sorted[indices[from..from + n)] summed in order. */
function resampleStatistic(sorted: readonly number[], indices: Int32Array, from: number, n: number, trimmed: boolean): number {
  let sum = sorted[indices[from]];
  let lowest = indices[from];
  let highest = lowest;
  for (let i = from + 1; i < from + n; i++) {
    const index = indices[i];
    sum += sorted[index];
    if (index < lowest) lowest = index;
    if (index > highest) highest = index;
  }
  // The totals are sorted: the lowest index drawn holds the minimum, the highest the maximum.
  return trimmed ? (sum - sorted[lowest] - sorted[highest]) / (n - 2) : sum / n;
}

let scratchStatistics = new Float64Array(0);
let scratchTally = new Int32Array(0);

/**
 * Percentile bootstrap interval of the bid statistic (mean; trimmed mean from `trimFrom` totals on), with the
 * generator `state` (4 uint32 words of sfc32, advanced in place):
 *  - the n totals are sorted ascending; B = `samples` resamples draw n indices into them with replacement,
 *    as base-n digits of generator words w, at most k = `indicesPerWord(n)` digits per word: repeat
 *    { w ← w × n; index ← ⌊w / 2³²⌋; w ← w − index × 2³² }. When a resample fits in a word (n ≤ k, i.e.
 *    n ≤ 6), each word gives ⌊k / n⌋ whole resamples (3 for n = 3) and its other digits are skipped;
 *    otherwise a resample reads k digits from each of ⌈n / k⌉ words, skipping what is left of the last;
 *  - a resample's statistic: (Σx − max − min) / (n − 2) or Σx / n, Σ in draw order;
 *  - the interval: the statistics of nearest ranks ⌈α·B⌉ and ⌈(1 − α)·B⌉, α = (1 − level) / 2.
 * Implementation: when resamples fit in a word, a word's resamples are read at once as base-nⁿ digits
 * ("codes"), with per-code tables; for n ≤ 3 codes are tallied and each distinct one evaluated once; ranks
 * are found by selection. All give the values the plain procedure gives (bootstrap.spec.ts checks it).
 * No totals → [0, 0]; one total t → [t, t] without draws. Unrounded.
 */
export function bootstrapInterval(
  totals: readonly number[],
  state: Uint32Array,
  trimFrom: number,
  samples: number = BOOTSTRAP_SAMPLES,
  level: number = INTERVAL_LEVEL,
): [number, number] {
  const n = totals.length;
  if (n === 0) return [0, 0];
  if (n === 1) return [totals[0], totals[0]];
  const sorted = [...totals].sort((x, y) => x - y);
  const trimmed = n >= trimFrom;
  const perWord = indicesPerWord(n);
  const [lower, upper] = intervalRanks(samples, level);
  if (scratchStatistics.length < samples) scratchStatistics = new Float64Array(samples);
  const statistics = scratchStatistics;
  if (perWord < n) {
    const indices = new Int32Array(n);
    for (let s = 0; s < samples; s++) {
      let word = 0;
      let left = 0;
      for (let i = 0; i < n; i++) {
        if (left === 0) {
          word = sfc32(state);
          left = perWord;
        }
        left--;
        word *= n; // < 2⁴⁸: exact
        const index = (word * INV_TWO_32) | 0;
        word -= index * TWO_32;
        indices[i] = index;
      }
      statistics[s] = resampleStatistic(sorted, indices, 0, n, trimmed);
    }
    return selectRanks(statistics, samples, lower, upper);
  }

  const codes = n ** n;
  const codesPerWord = (perWord / n) | 0;
  const { digits, lowest, highest } = codeTable(n);
  const tallied = codes <= TALLY_CODES;
  if (scratchTally.length < codes) scratchTally = new Int32Array(codes);
  const tally = scratchTally;
  if (tallied) tally.fill(0, 0, codes);
  // sfc32 (see seeded-random.ts) inlined on locals: this loop is most of the aggregation's time. `| 0` is
  // ⌊·⌋ here (non-negative, < 2³¹) and, unlike Math.floor, costs no global lookup under Jest's vm context.
  let a = state[0] | 0;
  let b = state[1] | 0;
  let c = state[2] | 0;
  let d = state[3] | 0;
  for (let s = 0; s < samples; ) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    let word = t >>> 0;
    for (let j = 0; j < codesPerWord && s < samples; j++, s++) {
      word *= codes; // < 2⁴⁸: exact
      const code = (word * INV_TWO_32) | 0;
      word -= code * TWO_32;
      if (tallied) {
        tally[code]++;
        continue;
      }
      const from = code * n;
      let sum = sorted[digits[from]];
      for (let i = from + 1; i < from + n; i++) sum += sorted[digits[i]];
      statistics[s] = trimmed ? (sum - sorted[lowest[code]] - sorted[highest[code]]) / (n - 2) : sum / n;
    }
  }
  state[0] = a;
  state[1] = b;
  state[2] = c;
  state[3] = d;
  if (!tallied) return selectRanks(statistics, samples, lower, upper);
  const values: number[] = [];
  const counts: number[] = [];
  for (let code = 0; code < codes; code++) {
    if (tally[code] === 0) continue;
    values.push(resampleStatistic(sorted, digits, code * n, n, trimmed));
    counts.push(tally[code]);
  }
  return selectRanksOfTally(values, counts, lower, upper);
}
