/** Shared pieces of scoring: the fixed-point unit, term ids, BM25F parameters and per-query scratch sets. */

/** Fixed-point unit of every summed score: contributions are rounded to multiples of 2^-24. */
export const QUANTUM = 2 ** 24;

/** Term strings ↔ dense ids, shared by the indexes of one `RankingIndex`. */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string {
    return this.terms[id];
  }

  get size(): number {
    return this.terms.length;
  }
}

/** BM25F parameters: per-field weights and length normalisations, one saturation `k1`. */
export interface Bm25fParameters {
  k1: number;
  weights: readonly number[];
  b: readonly number[];
}

/** Reusable per-query score accumulators over slots (reset by epoch stamps, never reallocated per query). */
export class Accumulator {
  stamp = new Uint32Array(0);
  score = new Float64Array(0);
  /** A second sum per slot for a chosen field (capability overlap). */
  extra = new Float64Array(0);
  touched = new Int32Array(0);
  count = 0;
  epoch = 0;

  reset(capacity: number): void {
    if (this.stamp.length < capacity) {
      const size = Math.max(capacity, this.stamp.length * 2, 64);
      this.stamp = new Uint32Array(size);
      this.score = new Float64Array(size);
      this.extra = new Float64Array(size);
      this.touched = new Int32Array(size);
      this.epoch = 0;
    }
    this.count = 0;
    this.epoch += 1;
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
  }

  has(slot: number): boolean {
    return this.stamp[slot] === this.epoch;
  }

  /** Makes `slot` a candidate with nothing accumulated yet (no-op when it already is one). */
  touch(slot: number): void {
    if (this.stamp[slot] === this.epoch) return;
    this.stamp[slot] = this.epoch;
    this.score[slot] = 0;
    this.extra[slot] = 0;
    this.touched[this.count++] = slot;
  }
}

/** A set of slots, sorted, with membership marks (reused across queries). */
export class SlotSet {
  slots = new Int32Array(0);
  mark = new Uint32Array(0);
  count = 0;
  epoch = 0;

  /** Replaces the members with `slots[0..count)` (any order; sorted here). */
  assign(slots: Int32Array, count: number, capacity: number): void {
    if (this.mark.length < capacity) {
      this.mark = new Uint32Array(Math.max(capacity, this.mark.length * 2));
      this.epoch = 0;
    }
    if (this.slots.length < count) this.slots = new Int32Array(Math.max(count, this.slots.length * 2));
    this.epoch += 1;
    if (this.epoch === 0xffffffff) {
      this.mark.fill(0);
      this.epoch = 1;
    }
    this.slots.set(slots.subarray(0, count));
    this.slots.subarray(0, count).sort();
    this.count = count;
    for (let i = 0; i < count; i++) this.mark[slots[i]] = this.epoch;
  }
}
