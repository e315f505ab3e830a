/**
 * A counting semaphore: at most `count` holders at once, the others wait in arrival order. The matching queue runs
 * many jobs at once so that light ones (`assess-bid`) overlap their round trips and share batches, while the heavy
 * ones (ranking every profile) hold one of a few permits.
 */
export class Permits {
  private available: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly count: number) {
    if (!(Number.isInteger(count) && count >= 1)) throw new Error('Permits needs a count ≥ 1');
    this.available = count;
  }

  /** Runs `work` holding a permit; the permit is returned whether it succeeds or fails. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Holders waiting for a permit. */
  get queued(): number {
    return this.waiting.length;
  }

  private acquire(): Promise<void> {
    if (this.available > 0) {
      this.available -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.available += 1;
  }
}
