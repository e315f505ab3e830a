// Built-ins used in hot loops are read once here: under Jest's vm sandbox every read of a global (Math,
// Number, Infinity) inside a loop goes through an interceptor and costs ~100× a local read.
const { min } = Math;

/**
 * A small residual network for one max-flow computation (Dinic: BFS levels, then blocking flows by DFS with
 * current-arc pointers). Edges are added as pairs of residual slots — `2e` forward, `2e + 1` backward — each
 * with its own residual capacity, so an edge that already carries flow is added with that flow as the
 * backward residual. After `maxFlow`, `residual(2e + 1)` minus its initial value is the flow change on `e`.
 */
export class MaxFlowNetwork {
  private tails: Int32Array;
  private heads: Int32Array;
  private residuals: Int32Array;
  private edges = 0;

  private readonly firstOut: Int32Array;
  private slots = new Int32Array(0);
  private readonly level: Int32Array;
  private readonly queue: Int32Array;
  private readonly iter: Int32Array;
  private readonly path: Int32Array;

  constructor(readonly nodeCount: number) {
    this.tails = new Int32Array(64);
    this.heads = new Int32Array(64);
    this.residuals = new Int32Array(128);
    this.firstOut = new Int32Array(nodeCount + 1);
    this.level = new Int32Array(nodeCount);
    this.queue = new Int32Array(nodeCount);
    this.iter = new Int32Array(nodeCount);
    this.path = new Int32Array(nodeCount);
  }

  /** Forgets every edge (the node count stays). */
  clear(): void {
    this.edges = 0;
  }

  /** Adds the edge u → v with residual `forward` (u → v) and `backward` (v → u); returns its index. */
  addEdge(u: number, v: number, forward: number, backward: number): number {
    if (this.edges === this.tails.length) {
      this.tails = grow(this.tails, 2 * this.edges);
      this.heads = grow(this.heads, 2 * this.edges);
      this.residuals = grow(this.residuals, 4 * this.edges);
    }
    const e = this.edges++;
    this.tails[e] = u;
    this.heads[e] = v;
    this.residuals[2 * e] = forward;
    this.residuals[2 * e + 1] = backward;
    return e;
  }

  /** Residual capacity of slot `slot` (2e forward, 2e + 1 backward). */
  residual(slot: number): number {
    return this.residuals[slot];
  }

  /** Sends as much as possible, at most `limit`, from `source` to `sink`; returns the amount. */
  maxFlow(source: number, sink: number, limit: number): number {
    this.buildAdjacency();
    let total = 0;
    while (total < limit && this.levels(source, sink)) {
      this.iter.set(this.firstOut.subarray(0, this.nodeCount));
      for (;;) {
        const pushed = this.augment(source, sink, limit - total);
        if (pushed === 0) break;
        total += pushed;
        if (total === limit) break;
      }
    }
    return total;
  }

  /** CSR of slots by tail: slot 2e leaves tails[e], slot 2e + 1 leaves heads[e]. */
  private buildAdjacency(): void {
    const { firstOut, tails, heads, edges } = this;
    firstOut.fill(0);
    for (let e = 0; e < edges; e++) {
      firstOut[tails[e] + 1]++;
      firstOut[heads[e] + 1]++;
    }
    for (let v = 0; v < this.nodeCount; v++) firstOut[v + 1] += firstOut[v];
    if (this.slots.length < 2 * edges) this.slots = new Int32Array(4 * edges);
    const next = firstOut.slice(0, this.nodeCount);
    for (let e = 0; e < edges; e++) {
      this.slots[next[tails[e]]++] = 2 * e;
      this.slots[next[heads[e]]++] = 2 * e + 1;
    }
  }

  private slotHead(slot: number): number {
    return slot & 1 ? this.tails[slot >> 1] : this.heads[slot >> 1];
  }

  private levels(source: number, sink: number): boolean {
    const { level, queue, firstOut, slots, residuals } = this;
    level.fill(-1);
    level[source] = 0;
    queue[0] = source;
    let read = 0;
    let write = 1;
    while (read < write) {
      const u = queue[read++];
      for (let i = firstOut[u]; i < firstOut[u + 1]; i++) {
        const slot = slots[i];
        const v = this.slotHead(slot);
        if (residuals[slot] > 0 && level[v] < 0) {
          level[v] = level[u] + 1;
          queue[write++] = v;
        }
      }
    }
    return level[sink] >= 0;
  }

  /** One augmenting path along increasing levels (iterative DFS); its flow, or 0 when the level graph is blocked. */
  private augment(source: number, sink: number, limit: number): number {
    const { level, iter, path, firstOut, slots, residuals } = this;
    let depth = 0;
    let u = source;
    for (;;) {
      if (u === sink) {
        let bottleneck = limit;
        for (let i = 0; i < depth; i++) bottleneck = min(bottleneck, residuals[path[i]]);
        for (let i = 0; i < depth; i++) {
          residuals[path[i]] -= bottleneck;
          residuals[path[i] ^ 1] += bottleneck;
        }
        return bottleneck;
      }
      let advanced = false;
      for (; iter[u] < firstOut[u + 1]; iter[u]++) {
        const slot = slots[iter[u]];
        const v = this.slotHead(slot);
        if (residuals[slot] > 0 && level[v] === level[u] + 1) {
          path[depth++] = slot;
          u = v;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      level[u] = -1; // dead end for the rest of this level graph
      if (depth === 0) return 0;
      u = this.slotHead(path[--depth] ^ 1);
      iter[u]++;
    }
  }
}

function grow(array: Int32Array, size: number): Int32Array {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}
