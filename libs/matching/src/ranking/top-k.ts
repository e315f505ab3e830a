/** Whether (scoreA, idA) ranks before (scoreB, idB): higher score first, ties by id (code-unit order). */
export function ranksBefore(scoreA: number, idA: string, scoreB: number, idB: string): boolean {
  return scoreA > scoreB || (scoreA === scoreB && idA < idB);
}

/**
 * The best `capacity` slots seen, kept in a binary heap whose root is the worst kept one: higher score
 * first, ties by id (looked up only on ties). O(log k) per accepted item, O(1) per rejected one.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(
    readonly capacity: number,
    private readonly idOf: (slot: number) => string,
  ) {
    this.slots = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Whether this slot with this score would be kept (cheap pre-check before costly work). */
  accepts(score: number, slot: number): boolean {
    if (this.capacity === 0) return false;
    return this.size < this.capacity || this.before(score, slot, this.scores[0], this.slots[0]);
  }

  offer(slot: number, score: number): void {
    if (!this.accepts(score, slot)) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.before(this.scores[parent], this.slots[parent], score, slot)) break;
        this.move(parent, i);
        i = parent;
      }
      this.put(i, slot, score);
      return;
    }
    // Replace the root (the worst kept item) and sift down.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      let worst = left;
      if (right < this.size && this.before(this.scores[left], this.slots[left], this.scores[right], this.slots[right])) {
        worst = right;
      }
      if (!this.before(score, slot, this.scores[worst], this.slots[worst])) break;
      this.move(worst, i);
      i = worst;
    }
    this.put(i, slot, score);
  }

  /** The kept items, best first. */
  sorted(): Array<{ slot: number; score: number }> {
    const items: Array<{ slot: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) items.push({ slot: this.slots[i], score: this.scores[i] });
    return items.sort((a, b) => (this.before(a.score, a.slot, b.score, b.slot) ? -1 : 1));
  }

  private before(scoreA: number, slotA: number, scoreB: number, slotB: number): boolean {
    if (scoreA !== scoreB) return scoreA > scoreB;
    return slotA !== slotB && this.idOf(slotA) < this.idOf(slotB);
  }

  private move(from: number, to: number): void {
    this.slots[to] = this.slots[from];
    this.scores[to] = this.scores[from];
  }

  private put(i: number, slot: number, score: number): void {
    this.slots[i] = slot;
    this.scores[i] = score;
  }
}
