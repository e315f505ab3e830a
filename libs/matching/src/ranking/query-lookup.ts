/**
 * Term id → position among a query's terms: a small open-addressing hash table (a few hundred bytes, so it
 * stays in the CPU cache, unlike an array indexed by term id). Reused across queries.
 */
export class QueryLookup {
  /** A 8192-bit filter of the query's term ids: most non-query terms are rejected with one load. */
  private readonly filter = new Uint32Array(256);
  /** Term id + 1 per bucket (0 = empty), and the position. */
  private keys = new Int32Array(64);
  private positions = new Int32Array(64);
  private shift = 26;

  reset(termIds: ReadonlyArray<number>): void {
    let bits = 6;
    while (1 << bits < termIds.length * 4) bits++;
    if (this.keys.length !== 1 << bits) {
      this.keys = new Int32Array(1 << bits);
      this.positions = new Int32Array(1 << bits);
    } else {
      this.keys.fill(0);
    }
    this.shift = 32 - bits;
    const mask = (1 << bits) - 1;
    this.filter.fill(0);
    termIds.forEach((termId, i) => {
      this.filter[(termId >>> 5) & 255] |= 1 << (termId & 31);
      let bucket = Math.imul(termId, 0x9e3779b1) >>> this.shift;
      while (this.keys[bucket] !== 0 && this.keys[bucket] !== termId + 1) bucket = (bucket + 1) & mask;
      this.keys[bucket] = termId + 1;
      this.positions[bucket] = i;
    });
  }

  /** The term's position, or -1. */
  position(termId: number): number {
    if ((this.filter[(termId >>> 5) & 255] & (1 << (termId & 31))) === 0) return -1;
    const keys = this.keys;
    const mask = keys.length - 1;
    let bucket = Math.imul(termId, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const key = keys[bucket];
      if (key === termId + 1) return this.positions[bucket];
      if (key === 0) return -1;
      bucket = (bucket + 1) & mask;
    }
  }
}
