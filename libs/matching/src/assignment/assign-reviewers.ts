import { type CandidateLists, candidateLists, usableCandidates, validateProblem } from './candidate-lists';
import { type AssignedFlow, repairPotentials } from './potential-repair';
import { AssignmentFlow } from './primal-dual';
import {
  ASSIGNMENT_METHOD,
  type AssignmentOptions,
  type AssignmentPair,
  type AssignmentProblem,
  type AssignmentPruning,
  type AssignmentResult,
} from './types';
import { checkCertificate } from './verify-certificate';

/**
 * Default `candidatesPerBid` for the worker. With 3 reviewers per bid and loads near their limit (the
 * QUALITY.md instance: 2,000 bids × 500 reviewers, load ≤ 15, ~92% of the capacity used) the optimum reaches
 * deep into some bids' lists — the top 60 missed it by a point or two on most synthetic instances tried, the
 * top 120 had it on all of them — so 120 it is. Pruning only ever costs time, never optimality (see below).
 */
export const DEFAULT_CANDIDATES_PER_BID = 120;

/**
 * Optimal reviewer assignment: the most pairs possible (each bid at most `slots` reviewers, each reviewer at
 * most `capacity` bids, only candidate pairs, each pair once), and among those the highest total affinity.
 *
 * Model: source → bid (capacity slots, cost 0), bid → reviewer (capacity 1, cost −affinity), reviewer → sink
 * (capacity capacity, cost 0), solved exactly by the primal-dual min-cost flow of `AssignmentFlow`: flow goes
 * along shortest paths until the sink is unreachable — a maximum flow, of least cost (highest affinity) among
 * maximum flows. The costs are used as they are, −affinity (no `Amax − affinity` shift), so the potentials
 * certify the plain model.
 *
 * With `candidatesPerBid` K the solver first sees only the K best usable candidates of each bid (by affinity,
 * ties by reviewer index). Its potentials are then extended to every candidate (`repairPotentials`); when that
 * succeeds the flow has the least cost for its value on the full graph too — if it fills every slot it is
 * the answer, otherwise the solve continues over the full graph from there, looking for augmenting paths
 * through the left-out candidates. When it fails (the pruned optimum is not optimal on the full graph) the
 * full graph is solved from scratch. Pruning therefore only ever saves or costs time, never optimality;
 * `pruning.prunedOptimal` tells whether the top-K graph alone had the full optimum.
 *
 * `certificate.optimal` is the verdict of the independent check of `verifyAssignmentCertificate` on the full
 * problem.
 */
export function assignReviewers(problem: AssignmentProblem, options: AssignmentOptions = {}): AssignmentResult {
  validateProblem(problem);
  const perBid = options.candidatesPerBid;
  if (perBid !== undefined && (!Number.isInteger(perBid) || perBid < 1)) {
    throw new RangeError('candidatesPerBid must be an integer >= 1');
  }
  const lists = candidateLists(problem);
  const slots = Int32Array.from(problem.bids, (bid) => bid.slots);
  const capacity = Int32Array.from(problem.reviewers, (reviewer) => reviewer.capacity);
  const full = usableCandidates(problem, lists, Infinity);
  if (perBid === undefined) return resultOf(problem, lists, full, solve(slots, capacity, full));

  const pruned = usableCandidates(problem, lists, perBid);
  const pruning: AssignmentPruning = {
    candidatesPerBid: perBid,
    candidatesKept: pruned.reviewer.length,
    candidatesUsable: full.reviewer.length,
    prunedOptimal: true,
    widening: 'none',
  };
  if (pruned.complete) return { ...resultOf(problem, lists, full, solve(slots, capacity, full)), pruning };

  const first = solve(slots, capacity, pruned);
  const extended = repairPotentials(problem, lists, flowOf(problem, pruned, first.paired), first.potentials);
  if (!extended) {
    // A negative cycle through left-out candidates: the pruned optimum is not optimal on the full graph.
    pruning.prunedOptimal = false;
    pruning.widening = 'restarted';
    return { ...resultOf(problem, lists, full, solve(slots, capacity, full)), pruning };
  }
  if (first.flow === first.required) {
    // Least cost for its value on the full graph, and every slot filled: optimal as it is.
    return { ...resultOf(problem, lists, pruned, first, extended), pruning };
  }
  // Some slots are empty: continue on the full graph from this flow (each bid's pruned list is a prefix of
  // its full list) to look for augmenting paths through the candidates left out.
  const paired = new Uint8Array(full.reviewer.length);
  for (let b = 0; b < slots.length; b++) {
    const offset = full.start[b] - pruned.start[b];
    for (let k = pruned.start[b]; k < pruned.start[b + 1]; k++) paired[offset + k] = first.paired[k];
  }
  const solver = new AssignmentFlow(slots, capacity, full, { paired, potentials: extended });
  const before = solver.flow;
  solver.run();
  pruning.prunedOptimal = solver.flow === before;
  pruning.widening = 'continued';
  return { ...resultOf(problem, lists, full, solver), pruning };
}

function solve(slots: Int32Array, capacity: Int32Array, graph: CandidateLists): AssignmentFlow {
  const solver = new AssignmentFlow(slots, capacity, graph);
  solver.run();
  return solver;
}

/** The assignment of `paired` (one flag per candidate of `graph`) as per-bid and per-reviewer lists. */
function flowOf(problem: AssignmentProblem, graph: CandidateLists, paired: Uint8Array): AssignedFlow {
  const flow: AssignedFlow = {
    reviewersOfBid: Array.from({ length: problem.bids.length }, () => []),
    bidsOfReviewer: Array.from({ length: problem.reviewers.length }, () => []),
  };
  for (let b = 0; b < problem.bids.length; b++) {
    for (let k = graph.start[b]; k < graph.start[b + 1]; k++) {
      if (!paired[k]) continue;
      flow.reviewersOfBid[b].push(graph.reviewer[k]);
      flow.bidsOfReviewer[graph.reviewer[k]].push({ bid: b, affinity: graph.affinity[k] });
    }
  }
  return flow;
}

/**
 * The result of a finished solve on `graph`, with its potentials extended to the full `lists` (unless
 * `extended` already are) and checked there.
 */
function resultOf(
  problem: AssignmentProblem,
  lists: CandidateLists,
  graph: CandidateLists,
  solver: AssignmentFlow,
  extended?: Float64Array,
): AssignmentResult {
  const flow = flowOf(problem, graph, solver.paired);
  const pairs: AssignmentPair[] = [];
  for (let b = 0; b < problem.bids.length; b++) {
    for (let k = graph.start[b]; k < graph.start[b + 1]; k++) {
      if (solver.paired[k]) pairs.push({ bid: b, reviewer: graph.reviewer[k], affinity: graph.affinity[k] });
    }
  }
  pairs.sort((x, y) => x.bid - y.bid || x.reviewer - y.reviewer);
  const shortages: Array<{ bid: number; missing: number }> = [];
  problem.bids.forEach((bid, b) => {
    const missing = bid.slots - flow.reviewersOfBid[b].length;
    if (missing > 0) shortages.push({ bid: b, missing });
  });
  // The solver's potentials cover the arcs it saw; extend them to pairs it never saw (unusable ones).
  const potentials = extended ?? repairPotentials(problem, lists, flow, solver.potentials) ?? solver.potentials;
  const result: AssignmentResult = {
    method: ASSIGNMENT_METHOD,
    pairs,
    totalAffinity: pairs.reduce((sum, pair) => sum + pair.affinity, 0),
    assigned: pairs.length,
    required: problem.bids.reduce((sum, bid) => sum + bid.slots, 0),
    shortages,
    certificate: { potentials: Array.from(potentials), minReducedCost: 0, optimal: false },
  };
  const check = checkCertificate(problem, result);
  result.certificate.minReducedCost = check.minReducedCost;
  result.certificate.optimal = check.optimal;
  return result;
}
