import { validateProblem } from './candidate-lists';
import type { AssignmentPair, AssignmentProblem, AssignmentResult, CertificateCheck } from './types';

// Built-ins used in hot loops are read once here: under Jest's vm sandbox every read of a global (Math,
// Number, Infinity) inside a loop goes through an interceptor and costs ~100× a local read.
const { isInteger, isSafeInteger } = Number;
const INFINITY = Number.POSITIVE_INFINITY;

/**
 * Independent check of an assignment and its certificate. It shares no code with the solver (only the input
 * validation): from `problem` and `result.pairs` alone it rebuilds the residual graph of the flow network
 * source → bid (capacity slots, cost 0) → reviewer (capacity 1, cost −affinity) → sink (capacity
 * capacity, cost 0) over every candidate pair (a pair listed twice counts once, with its highest affinity),
 * then checks that
 *  - the pairs are feasible: distinct candidate pairs carrying their affinity, within slots and capacities,
 *    and `assigned`, `totalAffinity`, `required` and `shortages` agree with them;
 *  - the flow is maximum: the sink is unreachable from the source in the residual graph;
 *  - no residual arc has a negative reduced cost `cost(u→v) + π(u) − π(v)` under `result.certificate.potentials`
 *    (node order: source, bids, reviewers, sink). With a maximum flow this proves the flow has the least cost,
 *    i.e. the highest total affinity, among all maximum flows.
 * Malformed potentials (wrong length, not safe integers) make the check fail: the violations are then the
 * bad entries (a length difference counts as that many), and `minReducedCost` is −Infinity.
 */
export function verifyAssignmentCertificate(problem: AssignmentProblem, result: AssignmentResult): CertificateCheck {
  validateProblem(problem);
  return checkCertificate(problem, result);
}

/** The flow of a result: how many reviewers each bid has, how many bids each reviewer, who is paired. */
interface Flow {
  pairs: AssignmentPair[];
  assigned: Int32Array;
  load: Int32Array;
  /** Per bid, indexes into `pairs`; per reviewer, the bids it is paired with. */
  pairsOfBid: number[][];
  bidsOfReviewer: number[][];
  feasible: boolean;
}

/** Residual bid → reviewer arcs (a CSR over bids) and the reduced-cost tally. */
interface Residual {
  start: Int32Array;
  reviewers: Int32Array;
  violations: number;
  minReducedCost: number;
  feasible: boolean;
}

/** `verifyAssignmentCertificate` for a problem already validated. */
export function checkCertificate(problem: AssignmentProblem, result: AssignmentResult): CertificateCheck {
  const nodeCount = problem.bids.length + problem.reviewers.length + 2;
  const flow = flowOf(problem, result);
  const consistent = totalsAgree(problem, result, flow);
  const { potentials, malformed } = readPotentials(result.certificate.potentials, nodeCount);
  const residual = residualArcs(problem, flow, potentials);
  const feasible = flow.feasible && consistent && residual.feasible;
  const maximum = !sinkReachable(problem, flow, residual);
  const violations = malformed > 0 ? malformed : residual.violations;
  return {
    optimal: feasible && maximum && violations === 0,
    violations,
    feasible,
    maximum,
    minReducedCost: malformed > 0 ? -INFINITY : residual.minReducedCost === INFINITY ? 0 : residual.minReducedCost,
  };
}

function flowOf(problem: AssignmentProblem, result: AssignmentResult): Flow {
  const bidCount = problem.bids.length;
  const reviewerCount = problem.reviewers.length;
  const inRange = (p: AssignmentPair) =>
    isInteger(p.bid) && p.bid >= 0 && p.bid < bidCount && isInteger(p.reviewer) && p.reviewer >= 0 && p.reviewer < reviewerCount;
  const pairs = result.pairs.filter(inRange);
  let feasible = pairs.length === result.pairs.length;
  const seen = new Set<number>();
  const assigned = new Int32Array(bidCount);
  const load = new Int32Array(reviewerCount);
  const pairsOfBid: number[][] = Array.from({ length: bidCount }, () => []);
  const bidsOfReviewer: number[][] = Array.from({ length: reviewerCount }, () => []);
  pairs.forEach((p, i) => {
    const key = p.bid * reviewerCount + p.reviewer;
    if (seen.has(key)) feasible = false;
    seen.add(key);
    assigned[p.bid]++;
    load[p.reviewer]++;
    pairsOfBid[p.bid].push(i);
    bidsOfReviewer[p.reviewer].push(p.bid);
  });
  problem.bids.forEach((bid, b) => {
    if (assigned[b] > bid.slots) feasible = false;
  });
  problem.reviewers.forEach((reviewer, r) => {
    if (load[r] > reviewer.capacity) feasible = false;
  });
  return { pairs, assigned, load, pairsOfBid, bidsOfReviewer, feasible };
}

/** `assigned`, `totalAffinity`, `required` and `shortages` as the pairs imply. */
function totalsAgree(problem: AssignmentProblem, result: AssignmentResult, flow: Flow): boolean {
  const required = problem.bids.reduce((sum, bid) => sum + bid.slots, 0);
  const totalAffinity = result.pairs.reduce((sum, pair) => sum + pair.affinity, 0);
  const shortages = problem.bids.flatMap((bid, b) => (flow.assigned[b] < bid.slots ? [[b, bid.slots - flow.assigned[b]]] : []));
  return (
    result.assigned === result.pairs.length &&
    result.totalAffinity === totalAffinity &&
    result.required === required &&
    JSON.stringify(result.shortages.map((s) => [s.bid, s.missing])) === JSON.stringify(shortages)
  );
}

function readPotentials(given: readonly number[], nodeCount: number): { potentials: Float64Array; malformed: number } {
  const potentials = new Float64Array(nodeCount);
  const length = given.length < nodeCount ? given.length : nodeCount;
  let malformed = given.length > nodeCount ? given.length - nodeCount : nodeCount - given.length;
  for (let v = 0; v < length; v++) {
    if (isSafeInteger(given[v])) potentials[v] = given[v];
    else malformed++;
  }
  return { potentials, malformed };
}

/**
 * Every residual arc with its reduced cost; also checks that each pair is a candidate pair carrying its
 * (highest) affinity. Node numbers: source 0, bid b 1 + b, reviewer r 1 + bidCount + r, sink last.
 */
function residualArcs(problem: AssignmentProblem, flow: Flow, π: Float64Array): Residual {
  const { bids, reviewers, candidates } = problem;
  const bidCount = bids.length;
  const reviewerCount = reviewers.length;
  const firstReviewer = bidCount + 1;
  const sink = bidCount + reviewerCount + 1;
  let violations = 0;
  let minReducedCost = INFINITY;
  let feasible = true;
  const tally = (reduced: number) => {
    if (reduced < 0) violations++;
    if (reduced < minReducedCost) minReducedCost = reduced;
  };

  // Candidates bucketed by bid.
  const bucketStart = new Int32Array(bidCount + 1);
  for (let i = 0; i < candidates.length; i++) bucketStart[candidates[i].bid + 1]++;
  for (let b = 0; b < bidCount; b++) bucketStart[b + 1] += bucketStart[b];
  const bucket = new Int32Array(candidates.length);
  const fill = bucketStart.slice(0, bidCount);
  for (let i = 0; i < candidates.length; i++) bucket[fill[candidates[i].bid]++] = i;

  const start = new Int32Array(bidCount + 1);
  const residualReviewers = new Int32Array(candidates.length);
  let size = 0;
  const best = new Float64Array(reviewerCount);
  const stamp = new Int32Array(reviewerCount).fill(-1);
  const paired = new Int32Array(reviewerCount).fill(-1);
  const distinct = new Int32Array(reviewerCount);
  for (let b = 0; b < bidCount; b++) {
    const u = 1 + b;
    if (flow.assigned[b] < bids[b].slots) tally(π[0] - π[u]); // source → bid
    if (flow.assigned[b] > 0) tally(π[u] - π[0]); // bid → source
    let m = 0;
    for (let k = bucketStart[b]; k < bucketStart[b + 1]; k++) {
      const { reviewer: r, affinity } = candidates[bucket[k]];
      if (stamp[r] !== b) {
        stamp[r] = b;
        best[r] = affinity;
        distinct[m++] = r;
      } else if (affinity > best[r]) {
        best[r] = affinity;
      }
    }
    for (const i of flow.pairsOfBid[b]) {
      const { reviewer: r, affinity } = flow.pairs[i];
      if (stamp[r] !== b || best[r] !== affinity) feasible = false; // not a candidate, or the wrong affinity
      paired[r] = b;
    }
    start[b] = size;
    for (let i = 0; i < m; i++) {
      const r = distinct[i];
      const v = firstReviewer + r;
      if (paired[r] === b) {
        tally(best[r] + π[v] - π[u]); // reviewer → bid, the reverse of a used arc
      } else {
        tally(-best[r] + π[u] - π[v]); // bid → reviewer
        residualReviewers[size++] = r;
      }
    }
  }
  start[bidCount] = size;
  for (let r = 0; r < reviewerCount; r++) {
    const v = firstReviewer + r;
    if (flow.load[r] < reviewers[r].capacity) tally(π[v] - π[sink]); // reviewer → sink
    if (flow.load[r] > 0) tally(π[sink] - π[v]); // sink → reviewer
  }
  return { start, reviewers: residualReviewers, violations, minReducedCost, feasible };
}

/** Breadth-first search from the source over residual arcs (arcs into the source cannot help). */
function sinkReachable(problem: AssignmentProblem, flow: Flow, residual: Residual): boolean {
  const { bids, reviewers } = problem;
  const bidCount = bids.length;
  const reviewerCount = reviewers.length;
  const reachedBid = new Uint8Array(bidCount);
  const reachedReviewer = new Uint8Array(reviewerCount);
  const queue: number[] = []; // bids as b, reviewers as bidCount + r
  for (let b = 0; b < bidCount; b++) {
    if (flow.assigned[b] < bids[b].slots) {
      reachedBid[b] = 1;
      queue.push(b);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node < bidCount) {
      for (let i = residual.start[node]; i < residual.start[node + 1]; i++) {
        const r = residual.reviewers[i];
        if (reachedReviewer[r]) continue;
        if (flow.load[r] < reviewers[r].capacity) return true; // reviewer → sink
        reachedReviewer[r] = 1;
        queue.push(bidCount + r);
      }
    } else {
      for (const b of flow.bidsOfReviewer[node - bidCount]) {
        if (reachedBid[b]) continue;
        reachedBid[b] = 1;
        queue.push(b);
      }
    }
  }
  return false;
}
