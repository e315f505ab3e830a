/** Values ↔ dense ids by a string key (clients, industry codes, certifications): ids index per-query tables. */
export class Interner<T> {
  private readonly ids = new Map<string, number>();
  private readonly items: T[] = [];

  /** The value's id (added on first sight), or -1 when `valid` rejects it. */
  idOf(value: T, key: (value: T) => string, valid: (value: T) => boolean = () => true): number {
    if (!valid(value)) return -1;
    const k = key(value);
    let id = this.ids.get(k);
    if (id === undefined) {
      id = this.items.length;
      this.ids.set(k, id);
      this.items.push(value);
    }
    return id;
  }

  value(id: number): T {
    return this.items[id];
  }

  values(): readonly T[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }
}
