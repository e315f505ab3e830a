import type { CandidateLists } from './candidate-lists';
import { MaxFlowNetwork } from './max-flow';

// Built-ins used in hot loops are read once here: under Jest's vm sandbox every read of a global (Math,
// Number, Infinity) inside a loop goes through an interceptor and costs ~100× a local read.
const { min, max } = Math;
const INFINITY = Number.POSITIVE_INFINITY;

/**
 * Exact min-cost maximum flow on the assignment network
 *
 *   source → bid b (capacity slots[b], cost 0) → reviewer r (capacity 1, cost −affinity) → sink (capacity[r], 0)
 *
 * by the primal-dual method. Nodes are numbered as in the certificate: 0 the source, 1 + b the bids,
 * 1 + bidCount + r the reviewers, then the sink. Potentials π keep every residual reduced cost
 * `cost(u→v) + π(u) − π(v)` >= 0. Each phase
 *  1. runs Dijkstra from the source on reduced costs, stopped when the sink is settled at distance d(t);
 *  2. raises every π(v) by min(d(v), d(t)) — reduced costs stay >= 0 and every shortest path gets reduced cost 0;
 *  3. collects the arcs of reduced cost exactly 0 (both directions) into a small network and sends a maximum
 *     flow through it (Dinic) — all augmenting paths of this length at once.
 * It stops when the sink is unreachable (a maximum flow) or every slot is filled. Shortest-path lengths never
 * decrease across phases, so the flow has the least cost — the highest affinity — among maximum flows, and
 * the final potentials certify it. All numbers are integers kept exact in doubles.
 *
 * The structure is used directly: a bid's residual arcs are its unpaired candidates, a reviewer's are its
 * current bids (a short list) and the sink; arcs into the source and out of the sink cannot lie on a shortest
 * source–sink path and are not scanned (the potential update keeps their reduced costs >= 0 regardless).
 */
export class AssignmentFlow {
  readonly potentials: Float64Array;
  /** 1 when candidate k (an index into the graph's lists) carries flow. */
  readonly paired: Uint8Array;
  readonly assigned: Int32Array;
  readonly load: Int32Array;
  phases = 0;
  flow = 0;
  /** Sum of the slots: the flow when every bid is complete. */
  readonly required: number;

  private readonly bidCount: number;
  private readonly reviewerCount: number;
  private readonly sink: number;
  private readonly bidOf: Int32Array;
  /** Per reviewer, the candidates it is paired with: pool[poolStart[r] … poolStart[r] + load[r] − 1]. */
  private readonly poolStart: Int32Array;
  private readonly pool: Int32Array;
  private readonly poolPosition: Int32Array;

  private readonly dist: Float64Array;
  private readonly heap: Int32Array;
  private readonly heapPos: Int32Array;
  private readonly network: MaxFlowNetwork;

  /**
   * @param start optional warm start: a flow (`paired`, one flag per candidate of `graph`) and potentials
   *   under which every residual arc of `graph` has a reduced cost >= 0 — i.e. a flow of least cost for its
   *   value, as the solve of a pruned graph gives once its potentials are extended (`repairPotentials`).
   *   Without it the flow starts empty.
   */
  constructor(
    private readonly slots: Int32Array,
    private readonly capacity: Int32Array,
    private readonly graph: CandidateLists,
    start?: { paired: Uint8Array; potentials: Float64Array },
  ) {
    this.bidCount = slots.length;
    let required = 0;
    for (let b = 0; b < this.bidCount; b++) required += slots[b];
    this.required = required;
    this.reviewerCount = capacity.length;
    const nodeCount = this.bidCount + this.reviewerCount + 2;
    this.sink = nodeCount - 1;
    const candidateCount = graph.reviewer.length;
    this.paired = new Uint8Array(candidateCount);
    this.assigned = new Int32Array(this.bidCount);
    this.load = new Int32Array(this.reviewerCount);
    this.bidOf = new Int32Array(candidateCount);
    for (let b = 0; b < this.bidCount; b++) this.bidOf.fill(b, graph.start[b], graph.start[b + 1]);
    this.poolStart = new Int32Array(this.reviewerCount + 1);
    for (let r = 0; r < this.reviewerCount; r++) this.poolStart[r + 1] = this.poolStart[r] + capacity[r];
    this.pool = new Int32Array(this.poolStart[this.reviewerCount]);
    this.poolPosition = new Int32Array(candidateCount);
    this.dist = new Float64Array(nodeCount);
    this.heap = new Int32Array(nodeCount);
    this.heapPos = new Int32Array(nodeCount);
    this.network = new MaxFlowNetwork(nodeCount);

    if (start) {
      this.potentials = Float64Array.from(start.potentials);
      for (let k = 0; k < candidateCount; k++) if (start.paired[k]) this.setPaired(k, 1);
      for (const count of this.assigned) this.flow += count;
      return;
    }
    // Initial potentials, valid for the empty flow (whose only residual arcs are the forward ones): 0 for the
    // source and bids, −(best affinity into it) for a reviewer, the least of those for the sink — the shortest
    // distances from the source of the acyclic network.
    const π = new Float64Array(nodeCount);
    const firstReviewer = this.bidCount + 1;
    for (let k = 0; k < candidateCount; k++) {
      const v = firstReviewer + graph.reviewer[k];
      π[v] = min(π[v], -graph.affinity[k]);
    }
    for (let r = 0; r < this.reviewerCount; r++) if (capacity[r] > 0) π[this.sink] = min(π[this.sink], π[firstReviewer + r]);
    this.potentials = π;
  }

  /** Runs to the end: a maximum flow of minimum cost. */
  run(): void {
    const { required } = this;
    while (this.flow < required) {
      const toSink = this.dijkstra();
      if (toSink === INFINITY) break;
      this.phases++;
      const { potentials, dist } = this;
      for (let v = 0; v < potentials.length; v++) potentials[v] += min(dist[v], toSink);
      this.flow += this.augmentAdmissible(required - this.flow);
    }
  }

  private dijkstra(): number {
    const { dist, heapPos, potentials: π, paired, bidOf, pool, poolStart, load, capacity, assigned, slots, sink, bidCount } = this;
    const { start, reviewer, affinity } = this.graph;
    const firstReviewer = bidCount + 1;
    // Lists are sorted by affinity, descending, so the reduced cost d(b) + π(b) − affinity − π(r) of a bid's
    // arcs has the lower bound d(b) + π(b) − affinity − max π(reviewer), non-decreasing along the list: once it
    // reaches the sink's tentative distance the rest of the list cannot settle anything before the sink.
    const highest = this.highestReviewerPotential();
    dist.fill(INFINITY);
    heapPos.fill(-1);
    this.size = 0;
    dist[0] = 0;
    this.push(0);
    while (this.size > 0) {
      const u = this.pop();
      if (u === sink) return dist[u];
      const base = dist[u] + π[u];
      if (u === 0) {
        for (let b = 0; b < bidCount; b++) if (assigned[b] < slots[b]) this.relax(1 + b, base - π[1 + b]);
      } else if (u < firstReviewer) {
        const end = start[u];
        const bound = base - highest;
        for (let k = start[u - 1]; k < end; k++) {
          if (bound - affinity[k] >= dist[sink]) break;
          if (paired[k] === 1) continue;
          const v = firstReviewer + reviewer[k];
          const candidate = base - affinity[k] - π[v];
          if (candidate < dist[v]) this.relax(v, candidate);
        }
      } else {
        const r = u - firstReviewer;
        for (let i = poolStart[r]; i < poolStart[r] + load[r]; i++) {
          const k = pool[i];
          this.relax(1 + bidOf[k], base + affinity[k] - π[1 + bidOf[k]]);
        }
        if (load[r] < capacity[r]) this.relax(sink, base - π[sink]);
      }
    }
    return INFINITY;
  }

  /** Maximum flow over the arcs of reduced cost 0; applies it to the assignment state and returns its value. */
  private augmentAdmissible(limit: number): number {
    const { network, potentials: π, graph, paired, assigned, load, slots, capacity, sink } = this;
    const firstReviewer = this.bidCount + 1;
    network.clear();
    // Edge e of the small network ↔ kind/ref: bids first, then candidates, then reviewers.
    const refs: number[] = [];
    for (let b = 0; b < this.bidCount; b++) {
      if (slots[b] > 0 && π[0] === π[1 + b]) {
        network.addEdge(0, 1 + b, slots[b] - assigned[b], assigned[b]);
        refs.push(b);
      }
    }
    const candidatesFrom = refs.length;
    // A zero arc has affinity π(b) − π(r) >= π(b) − max π(reviewer); lists are sorted by affinity, descending.
    const { start, reviewer, affinity } = graph;
    const highest = this.highestReviewerPotential();
    for (let b = 0; b < this.bidCount; b++) {
      const pb = π[1 + b];
      const end = start[b + 1];
      for (let k = start[b]; k < end; k++) {
        if (affinity[k] < pb - highest) break;
        const v = firstReviewer + reviewer[k];
        if (pb - affinity[k] !== π[v]) continue;
        network.addEdge(1 + b, v, 1 - paired[k], paired[k]);
        refs.push(k);
      }
    }
    const reviewersFrom = refs.length;
    for (let r = 0; r < this.reviewerCount; r++) {
      if (capacity[r] > 0 && π[firstReviewer + r] === π[sink]) {
        network.addEdge(firstReviewer + r, sink, capacity[r] - load[r], load[r]);
        refs.push(r);
      }
    }

    const sent = network.maxFlow(0, sink, limit);
    // Flow is conserved, so the pairs alone determine every bid's and reviewer's count. Unpair first, so that
    // a reviewer's list never holds more than its capacity.
    for (let e = candidatesFrom; e < reviewersFrom; e++) if (network.residual(2 * e + 1) === 0) this.setPaired(refs[e], 0);
    for (let e = candidatesFrom; e < reviewersFrom; e++) if (network.residual(2 * e + 1) === 1) this.setPaired(refs[e], 1);
    return sent;
  }

  private highestReviewerPotential(): number {
    let highest = -INFINITY;
    for (let v = this.bidCount + 1; v < this.sink; v++) highest = max(highest, this.potentials[v]);
    return highest;
  }

  /** Records candidate k as paired (1) or not (0), keeping the counts and its reviewer's list. */
  private setPaired(k: number, value: number): void {
    if (this.paired[k] === value) return;
    this.paired[k] = value;
    const r = this.graph.reviewer[k];
    const b = this.bidOf[k];
    if (value === 1) {
      const at = this.poolStart[r] + this.load[r]++;
      this.pool[at] = k;
      this.poolPosition[k] = at;
      this.assigned[b]++;
    } else {
      const last = this.poolStart[r] + --this.load[r];
      const at = this.poolPosition[k];
      this.pool[at] = this.pool[last];
      this.poolPosition[this.pool[at]] = at;
      this.assigned[b]--;
    }
  }

  // Indexed binary min-heap on `dist` (heapPos: −1 never queued, −2 settled).
  private size = 0;

  private relax(v: number, distance: number): void {
    if (distance >= this.dist[v] || this.heapPos[v] === -2) return;
    this.dist[v] = distance;
    if (this.heapPos[v] === -1) this.heapPos[v] = this.size++;
    this.siftUp(v, this.heapPos[v]);
  }

  private push(v: number): void {
    this.heapPos[v] = this.size++;
    this.siftUp(v, this.heapPos[v]);
  }

  private pop(): number {
    const { heap, heapPos } = this;
    const top = heap[0];
    heapPos[top] = -2;
    this.size--;
    if (this.size > 0) this.siftDown(heap[this.size], 0);
    return top;
  }

  private siftUp(node: number, at: number): void {
    const { heap, heapPos, dist } = this;
    const key = dist[node];
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = heap[parent];
      if (dist[above] <= key) break;
      heap[at] = above;
      heapPos[above] = at;
      at = parent;
    }
    heap[at] = node;
    heapPos[node] = at;
  }

  private siftDown(node: number, at: number): void {
    const { heap, heapPos, dist, size } = this;
    const key = dist[node];
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && dist[heap[child + 1]] < dist[heap[child]]) child++;
      if (dist[heap[child]] >= key) break;
      heap[at] = heap[child];
      heapPos[heap[at]] = at;
      at = child;
    }
    heap[at] = node;
    heapPos[node] = at;
  }
}
