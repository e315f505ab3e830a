/**
 * A forward index: each slot's distinct term ids and, beside them, their per-field frequencies
 * (`fieldCount` per term), in one arena with a slot's entries contiguous (one stretch of memory per
 * document). Used for removal (which terms to un-count), forward scoring of candidates and explanations.
 * Space of replaced slots is reclaimed by `compact`, together with the owner's slot renumbering.
 */
export class ForwardStore {
  terms = new Int32Array(1 << 16);
  tfs: Uint16Array;
  private used = 0;
  private starts = new Int32Array(64);
  private counts = new Int32Array(64);

  constructor(readonly fieldCount: number) {
    this.tfs = new Uint16Array((1 << 16) * fieldCount);
  }

  start(slot: number): number {
    return this.starts[slot];
  }

  count(slot: number): number {
    return this.counts[slot];
  }

  /** Stores `slot`'s distinct terms and their frequencies (`fieldCount` per term, from `tfs`). */
  set(slot: number, terms: readonly number[], tfs: Uint16Array): void {
    const F = this.fieldCount;
    this.ensureSlots(slot + 1);
    this.ensureArena(this.used + terms.length);
    this.starts[slot] = this.used;
    this.counts[slot] = terms.length;
    this.terms.set(terms, this.used);
    this.tfs.set(tfs.subarray(0, terms.length * F), this.used * F);
    this.used += terms.length;
  }

  /** Keeps the slots with `remap[slot] ≥ 0`, renumbered, in a fresh arena. */
  compact(remap: Int32Array): void {
    const F = this.fieldCount;
    const terms = new Int32Array(Math.max(1 << 16, this.used));
    const tfs = new Uint16Array(terms.length * F);
    let used = 0;
    for (let slot = 0; slot < remap.length; slot++) {
      const to = remap[slot];
      if (to < 0) continue;
      const start = this.starts[slot];
      const count = this.counts[slot];
      terms.set(this.terms.subarray(start, start + count), used);
      tfs.set(this.tfs.subarray(start * F, (start + count) * F), used * F);
      this.starts[to] = used;
      this.counts[to] = count;
      used += count;
    }
    this.terms = terms;
    this.tfs = tfs;
    this.used = used;
  }

  private ensureArena(size: number): void {
    if (size <= this.terms.length) return;
    const terms = new Int32Array(Math.max(size, this.terms.length * 2));
    terms.set(this.terms.subarray(0, this.used));
    const tfs = new Uint16Array(terms.length * this.fieldCount);
    tfs.set(this.tfs.subarray(0, this.used * this.fieldCount));
    this.terms = terms;
    this.tfs = tfs;
  }

  private ensureSlots(size: number): void {
    if (size <= this.starts.length) return;
    const starts = new Int32Array(Math.max(size, this.starts.length * 2));
    starts.set(this.starts);
    const counts = new Int32Array(starts.length);
    counts.set(this.counts);
    this.starts = starts;
    this.counts = counts;
  }
}
