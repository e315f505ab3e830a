import type { CandidateLists } from './candidate-lists';
import type { AssignmentProblem } from './types';

/** The flow as the repair needs it: assigned reviewers per bid, and assigned (bid, affinity) per reviewer. */
export interface AssignedFlow {
  reviewersOfBid: number[][];
  bidsOfReviewer: Array<Array<{ bid: number; affinity: number }>>;
}

/**
 * Extends the solver's potentials from the graph it solved to the full candidate graph.
 *
 * The solver only saw the usable, possibly pruned candidates; the full residual graph also has arcs for
 * pruned-out pairs and for pairs whose bid has no slot or whose reviewer has no capacity, and some of these
 * may have a negative reduced cost under the solver's potentials even when the flow is optimal on the full
 * graph (potentials are not unique). This runs a label-correcting shortest-path search (queue-based Bellman–Ford)
 * from a virtual root joined to every node at length 0, with reduced costs as lengths: when it settles,
 * `π + d` leaves no negative reduced cost anywhere, which proves the flow has the least cost among flows of
 * its value on the full graph. It gives up (returns null) after about `maxPasses` × (arc count) arc scans
 * (the first pass included) — a negative cycle, i.e. a flow that is not optimal on the full graph, never
 * settles; an optimal flow typically settles within two.
 *
 * Node order as in the certificate: source, bids, reviewers, sink.
 */
export function repairPotentials(
  problem: AssignmentProblem,
  lists: CandidateLists,
  flow: AssignedFlow,
  potentials: Float64Array,
  maxPasses = 3,
): Float64Array | null {
  const { bids, reviewers } = problem;
  const bidCount = bids.length;
  const reviewerCount = reviewers.length;
  const nodeCount = bidCount + reviewerCount + 2;
  const sink = nodeCount - 1;
  const firstReviewer = bidCount + 1;
  const assigned = flow.reviewersOfBid.map((list) => list.length);
  const load = flow.bidsOfReviewer.map((list) => list.length);

  const distance = new Float64Array(nodeCount);
  const inQueue = new Uint8Array(nodeCount).fill(1);
  const queue = new Int32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) queue[v] = v;
  let head = 0;
  let tail = nodeCount;
  let queued = nodeCount;
  let budget = maxPasses * (lists.reviewer.length + 2 * (bidCount + reviewerCount) + nodeCount);
  const pairedStamp = new Int32Array(reviewerCount).fill(-1);
  let stamp = 0;

  const relax = (u: number, v: number, cost: number) => {
    const next = distance[u] + cost + potentials[u] - potentials[v];
    if (next < distance[v]) {
      distance[v] = next;
      if (!inQueue[v]) {
        inQueue[v] = 1;
        queue[tail] = v;
        tail = tail === nodeCount ? 0 : tail + 1;
        queued++;
      }
    }
  };

  while (queued > 0) {
    const u = queue[head];
    head = head === nodeCount ? 0 : head + 1;
    queued--;
    inQueue[u] = 0;
    if (u === 0) {
      for (let b = 0; b < bidCount; b++) if (assigned[b] < bids[b].slots) relax(0, 1 + b, 0);
      budget -= bidCount;
    } else if (u < firstReviewer) {
      const b = u - 1;
      if (assigned[b] > 0) relax(u, 0, 0);
      stamp++;
      for (const r of flow.reviewersOfBid[b]) pairedStamp[r] = stamp;
      for (let k = lists.start[b]; k < lists.start[b + 1]; k++) {
        const r = lists.reviewer[k];
        if (pairedStamp[r] !== stamp) relax(u, firstReviewer + r, -lists.affinity[k]);
      }
      budget -= lists.start[b + 1] - lists.start[b] + 1;
    } else if (u < sink) {
      const r = u - firstReviewer;
      for (const { bid, affinity } of flow.bidsOfReviewer[r]) relax(u, 1 + bid, affinity);
      if (load[r] < reviewers[r].capacity) relax(u, sink, 0);
      budget -= load[r] + 1;
    } else {
      for (let r = 0; r < reviewerCount; r++) if (load[r] > 0) relax(sink, firstReviewer + r, 0);
      budget -= reviewerCount;
    }
    if (budget < 0) return null;
  }
  const repaired = new Float64Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) repaired[v] = potentials[v] + distance[v];
  return repaired;
}
