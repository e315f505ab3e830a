import type { AssignmentProblem } from './types';

// Built-ins used in hot loops are read once here: under Jest's vm sandbox every read of a global (Math,
// Number, Infinity) inside a loop goes through an interceptor and costs ~100× a local read.
const { isInteger } = Number;
const INFINITY = Number.POSITIVE_INFINITY;

/**
 * Largest affinity accepted. Affinities are kept in Int32Arrays (and read back as small integers, so result
 * objects never force V8 to re-layout the caller's candidate objects), and with at most a few million nodes
 * every potential and path length stays far below 2^53: the solver's integer arithmetic in doubles is exact.
 */
export const MAX_AFFINITY = 1_000_000_000;

/** Throws a RangeError naming the first malformed number of the problem. */
export function validateProblem(problem: AssignmentProblem): void {
  const { bids, reviewers, candidates } = problem;
  bids.forEach((bid, i) => {
    if (!isInteger(bid.slots) || bid.slots < 0) throw new RangeError(`bids[${i}].slots must be an integer >= 0`);
  });
  reviewers.forEach((reviewer, i) => {
    if (!isInteger(reviewer.capacity) || reviewer.capacity < 0) {
      throw new RangeError(`reviewers[${i}].capacity must be an integer >= 0`);
    }
  });
  for (let i = 0; i < candidates.length; i++) {
    const { bid, reviewer, affinity } = candidates[i];
    if (!isInteger(bid) || bid < 0 || bid >= bids.length) throw new RangeError(`candidates[${i}].bid is not a bid index`);
    if (!isInteger(reviewer) || reviewer < 0 || reviewer >= reviewers.length) {
      throw new RangeError(`candidates[${i}].reviewer is not a reviewer index`);
    }
    if (!isInteger(affinity) || affinity < 0 || affinity > MAX_AFFINITY) {
      throw new RangeError(`candidates[${i}].affinity must be an integer in 0..${MAX_AFFINITY}`);
    }
  }
}

/**
 * The distinct candidates of every bid, best first: a CSR (`start[b] … start[b + 1] − 1` index `reviewer`
 * and `affinity`) sorted by affinity descending, then reviewer index ascending. A pair listed twice keeps its
 * highest affinity. The order does not depend on the order of `problem.candidates`, so neither does the
 * solution.
 */
export interface CandidateLists {
  start: Int32Array;
  reviewer: Int32Array;
  affinity: Int32Array;
}

export function candidateLists(problem: AssignmentProblem): CandidateLists {
  const { bids, reviewers, candidates } = problem;
  const bidCount = bids.length;
  const reviewerCount = reviewers.length;
  const n = candidates.length;

  // Bucket by bid (counting sort), copying the fields into typed arrays on the way.
  const bucketStart = new Int32Array(bidCount + 1);
  let maxAffinity = 0;
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    bucketStart[c.bid + 1]++;
    if (c.affinity > maxAffinity) maxAffinity = c.affinity;
  }
  for (let b = 0; b < bidCount; b++) bucketStart[b + 1] += bucketStart[b];
  const bucketReviewer = new Int32Array(n);
  const bucketAffinity = new Int32Array(n);
  const fill = bucketStart.slice(0, bidCount);
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    const at = fill[c.bid]++;
    bucketReviewer[at] = c.reviewer;
    bucketAffinity[at] = c.affinity;
  }

  // Per bid: keep each reviewer's best affinity, list the reviewers in ascending order, then order them by
  // affinity descending, stably (a counting sort for small affinities, else a comparison sort).
  const start = new Int32Array(bidCount + 1);
  const reviewer = new Int32Array(n);
  const affinity = new Int32Array(n);
  const seenBy = new Int32Array(reviewerCount).fill(-1);
  const best = new Int32Array(reviewerCount);
  const distinct = new Int32Array(reviewerCount);
  const counting = maxAffinity <= COUNTING_SORT_MAX_AFFINITY;
  const count = new Int32Array(counting ? maxAffinity + 2 : 0);
  let size = 0;
  for (let b = 0; b < bidCount; b++) {
    start[b] = size;
    let m = 0;
    for (let i = bucketStart[b]; i < bucketStart[b + 1]; i++) {
      const r = bucketReviewer[i];
      if (seenBy[r] !== b) {
        seenBy[r] = b;
        best[r] = bucketAffinity[i];
        distinct[m++] = r;
      } else if (bucketAffinity[i] > best[r]) {
        best[r] = bucketAffinity[i];
      }
    }
    if (m * 16 >= reviewerCount) {
      m = 0;
      for (let r = 0; r < reviewerCount; r++) if (seenBy[r] === b) distinct[m++] = r;
    } else {
      distinct.subarray(0, m).sort();
    }
    if (counting) {
      count.fill(0);
      for (let i = 0; i < m; i++) count[maxAffinity - best[distinct[i]] + 1]++;
      for (let a = 0; a <= maxAffinity; a++) count[a + 1] += count[a];
      for (let i = 0; i < m; i++) {
        const r = distinct[i];
        const at = size + count[maxAffinity - best[r]]++;
        reviewer[at] = r;
        affinity[at] = best[r];
      }
    } else {
      const ordered = distinct.subarray(0, m).sort((x, y) => best[y] - best[x] || x - y);
      for (let i = 0; i < m; i++) {
        reviewer[size + i] = ordered[i];
        affinity[size + i] = best[ordered[i]];
      }
    }
    size += m;
  }
  start[bidCount] = size;
  return size === n ? { start, reviewer, affinity } : { start, reviewer: reviewer.slice(0, size), affinity: affinity.slice(0, size) };
}

/** Up to this affinity, each bid's candidates are ordered by a counting sort (the usual 0..100 is far below). */
const COUNTING_SORT_MAX_AFFINITY = 1024;

/**
 * The first `perBid` usable candidates of every bid (all of them when `perBid` is Infinity). Usable: the bid
 * has a slot and the reviewer a capacity (other pairs can never carry flow). `complete` tells whether no
 * usable candidate was left out.
 */
export function usableCandidates(
  problem: AssignmentProblem,
  lists: CandidateLists,
  perBid: number,
): CandidateLists & { complete: boolean } {
  const { bids, reviewers } = problem;
  const bidCount = bids.length;
  const allUsable = bids.every((bid) => bid.slots > 0) && reviewers.every((reviewer) => reviewer.capacity > 0);
  if (allUsable && perBid === INFINITY) return { ...lists, complete: true };
  const start = new Int32Array(bidCount + 1);
  const reviewer = new Int32Array(lists.reviewer.length);
  const affinity = new Int32Array(lists.reviewer.length);
  let size = 0;
  let complete = true;
  for (let b = 0; b < bidCount; b++) {
    start[b] = size;
    if (bids[b].slots === 0) continue;
    let kept = 0;
    for (let k = lists.start[b]; k < lists.start[b + 1]; k++) {
      const r = lists.reviewer[k];
      if (reviewers[r].capacity === 0) continue;
      if (kept === perBid) {
        complete = false;
        break;
      }
      kept++;
      reviewer[size] = r;
      affinity[size++] = lists.affinity[k];
    }
  }
  start[bidCount] = size;
  return { start, reviewer: reviewer.slice(0, size), affinity: affinity.slice(0, size), complete };
}
