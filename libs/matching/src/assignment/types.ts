/** Name and version of the assignment method; bump it whenever assignments change. */
export const ASSIGNMENT_METHOD = 'jiebang-assign/1';

/** A bid that still needs reviewers. */
export interface AssignmentBid {
  id: string;
  /** How many more reviewers this bid needs (0..7). */
  slots: number;
}

/** A reviewer in the pool. */
export interface AssignmentReviewer {
  id: string;
  /** How many more bids this reviewer may take (>= 0). */
  capacity: number;
}

/**
 * An allowed (bid, reviewer) pair with an integer affinity >= 0 (higher is better). Pairs not listed are
 * forbidden (conflict of interest, already assigned, declined). `bid` and `reviewer` index into
 * `AssignmentProblem.bids` / `.reviewers`. A pair listed twice counts once, with its highest affinity.
 */
export interface AssignmentCandidate {
  bid: number;
  reviewer: number;
  affinity: number;
}

export interface AssignmentProblem {
  bids: AssignmentBid[];
  reviewers: AssignmentReviewer[];
  candidates: AssignmentCandidate[];
}

export interface AssignmentOptions {
  /** Keep at most this many best candidates per bid before solving (undefined: no pruning). */
  candidatesPerBid?: number;
}

export interface AssignmentPair {
  bid: number;
  reviewer: number;
  affinity: number;
}

/**
 * Optimality certificate. `potentials` has one entry per node of the flow network, in this order:
 * `[source, bid 0 … bid n-1, reviewer 0 … reviewer m-1, sink]`. Arc costs are source→bid 0,
 * bid→reviewer −affinity, reviewer→sink 0 (no shift: the potentials certify the untransformed costs). The
 * reduced cost of a residual arc u→v is `cost(u→v) + potentials[u] − potentials[v]`; the reverse of an arc
 * costs the negated cost. `minReducedCost` is the smallest over every residual arc of the full candidate
 * graph (0 when there is none); `optimal` means it is >= 0 and the sink is unreachable from the source
 * in the residual graph (the flow is maximum).
 */
export interface AssignmentCertificate {
  potentials: number[];
  minReducedCost: number;
  optimal: boolean;
}

/** How candidate pruning went (present when `candidatesPerBid` was given). */
export interface AssignmentPruning {
  /** The `candidatesPerBid` asked for. */
  candidatesPerBid: number;
  /** Usable candidates (bid with a slot, reviewer with capacity, distinct pairs) kept, and in all. */
  candidatesKept: number;
  candidatesUsable: number;
  /**
   * The optimum of the pruned graph already was optimal on the full candidate graph (its potentials extended
   * to every candidate, and no augmenting path through the candidates left out): pruning changed nothing.
   */
  prunedOptimal: boolean;
  /**
   * 'none': the pruned optimum is the result (nothing was left out, or it filled every slot and its potentials
   * extend to every candidate); 'continued': it left slots empty, so the solve went on over the full graph
   * from its flow and extended potentials; 'restarted': it was not optimal on the full graph (a better
   * exchange through a left-out candidate exists), which was then solved from scratch.
   */
  widening: 'none' | 'continued' | 'restarted';
}

export interface AssignmentResult {
  method: string;
  /** Sorted by bid, then reviewer. */
  pairs: AssignmentPair[];
  totalAffinity: number;
  /** `pairs.length`. */
  assigned: number;
  /** Sum of slots. */
  required: number;
  /** Bids that could not get all their slots (index and how many missing); empty when complete. */
  shortages: Array<{ bid: number; missing: number }>;
  certificate: AssignmentCertificate;
  pruning?: AssignmentPruning;
}

export interface CertificateCheck {
  /** Feasible, maximum, and no residual arc with a negative reduced cost. */
  optimal: boolean;
  /** Residual arcs with a negative reduced cost under the result's potentials. */
  violations: number;
  /** Every pair is a distinct candidate with its affinity, within slots and capacities; the totals match. */
  feasible: boolean;
  /** No augmenting path from the source to the sink in the residual graph. */
  maximum: boolean;
  /** Smallest reduced cost over the residual arcs (0 when there is none). */
  minReducedCost: number;
}
