/**
 * Order statistics for the bootstrap: the values of two ranks among 1,000 numbers, without sorting them.
 * Nearest ranks are 1-based: rank r is the r-th smallest, as in a sorted copy.
 */

let scratchHeap = new Float64Array(0);

/**
 * The value of 1-based rank `rank` among values[0..count): the largest of the `rank` smallest, kept in a
 * max-heap while scanning (in the tails almost every value fails the comparison with the heap top, a branch
 * the processor predicts, where a partition-based selection mispredicts about half of its comparisons).
 * `fromTop` counts ranks from the largest instead.
 */
function valueOfRank(values: Float64Array, count: number, rank: number, fromTop: boolean): number {
  const sign = fromTop ? -1 : 1; // a max-heap of sign × value
  if (scratchHeap.length < rank) scratchHeap = new Float64Array(rank);
  const heap = scratchHeap;
  let size = 0;
  for (let i = 0; i < count; i++) {
    const value = sign * values[i];
    if (size < rank) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (heap[parent] >= value) break;
        heap[at] = heap[parent];
        at = parent;
      }
      heap[at] = value;
    } else if (value < heap[0]) {
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        if (child + 1 < size && heap[child + 1] > heap[child]) child++;
        if (heap[child] <= value) break;
        heap[at] = heap[child];
        at = child;
      }
      heap[at] = value;
    }
  }
  return sign * heap[0];
}

const BUCKETS = 256;
/** A bucket holding more values than this is searched with the heap rather than insertion-sorted. */
const BUCKET_SORT_LIMIT = 64;
const bucketCounts = new Int32Array(BUCKETS);
let bucketOf = new Int32Array(0);
let bucketValues = new Float64Array(0);

/**
 * The value of 1-based rank `rank`, knowing it lies in bucket `target` with `before` values in lower buckets.
 */
function valueInBucket(values: Float64Array, count: number, target: number, before: number, rank: number): number {
  let size = 0;
  for (let i = 0; i < count; i++) if (bucketOf[i] === target) bucketValues[size++] = values[i];
  if (size > BUCKET_SORT_LIMIT) return valueOfRank(bucketValues, size, rank - before, false);
  for (let i = 1; i < size; i++) {
    const value = bucketValues[i];
    let j = i - 1;
    for (; j >= 0 && bucketValues[j] > value; j--) bucketValues[j + 1] = bucketValues[j];
    bucketValues[j + 1] = value;
  }
  return bucketValues[rank - before - 1];
}

/**
 * The values of 1-based ranks `lower` ≤ `upper` among values[0..count), as a full sort would give them:
 * a histogram over [min, max] in 256 equal buckets (the bucket index ⌊(v − min) × scale⌋ never decreases as
 * v grows, so lower buckets hold only smaller or equal values) locates each rank's bucket, and only that
 * bucket's few values are sorted. Two branch-light passes; no allocation.
 */
export function selectRanks(values: Float64Array, count: number, lower: number, upper: number): [number, number] {
  let low = values[0];
  let high = low;
  for (let i = 1; i < count; i++) {
    const value = values[i];
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (!(high > low)) return [low, low];
  if (bucketOf.length < count) {
    bucketOf = new Int32Array(count);
    bucketValues = new Float64Array(count);
  }
  const scale = BUCKETS / (high - low);
  bucketCounts.fill(0);
  for (let i = 0; i < count; i++) {
    let bucket = ((values[i] - low) * scale) | 0;
    if (bucket >= BUCKETS) bucket = BUCKETS - 1;
    bucketOf[i] = bucket;
    bucketCounts[bucket]++;
  }
  let lowerBucket = -1;
  let upperBucket = -1;
  let belowLower = 0;
  let belowUpper = 0;
  for (let bucket = 0, seen = 0; bucket < BUCKETS && upperBucket < 0; bucket++) {
    const next = seen + bucketCounts[bucket];
    if (lowerBucket < 0 && lower <= next) {
      lowerBucket = bucket;
      belowLower = seen;
    }
    if (upper <= next) {
      upperBucket = bucket;
      belowUpper = seen;
    }
    seen = next;
  }
  return [
    valueInBucket(values, count, lowerBucket, belowLower, lower),
    valueInBucket(values, count, upperBucket, belowUpper, upper),
  ];
}

/** Above this many distinct values, expand the multiset and select rather than insertion-sort. */
const FEW_DISTINCT = 48;
let scratchExpanded = new Float64Array(0);

/** The values of 1-based ranks `lower` ≤ `upper` in the multiset {values[i] repeated counts[i] times}. */
export function selectRanksOfTally(values: number[], counts: number[], lower: number, upper: number): [number, number] {
  const m = values.length;
  if (m > FEW_DISTINCT) {
    let total = 0;
    for (let i = 0; i < m; i++) total += counts[i];
    if (scratchExpanded.length < total) scratchExpanded = new Float64Array(total);
    const expanded = scratchExpanded;
    for (let i = 0, at = 0; i < m; i++) for (let r = counts[i]; r > 0; r--) expanded[at++] = values[i];
    return selectRanks(expanded, total, lower, upper);
  }
  for (let i = 1; i < m; i++) {
    const value = values[i];
    const count = counts[i];
    let j = i - 1;
    for (; j >= 0 && values[j] > value; j--) {
      values[j + 1] = values[j];
      counts[j + 1] = counts[j];
    }
    values[j + 1] = value;
    counts[j + 1] = count;
  }
  let low = values[0];
  let high = values[m - 1];
  let seen = 0;
  for (let i = 0; i < m; i++) {
    const before = seen;
    seen += counts[i];
    if (before < lower && lower <= seen) low = values[i];
    if (before < upper && upper <= seen) {
      high = values[i];
      break;
    }
  }
  return [low, high];
}
