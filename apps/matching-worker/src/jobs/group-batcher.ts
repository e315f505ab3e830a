import { AsyncResource } from 'node:async_hooks';

/** One result per key of a batch, in the keys' order: a value, or the error of that key alone. */
export type BatchOutcome<R> = { value: R } | { error: unknown };

export interface GroupBatcherOptions {
  /** Keys per batch at most. */
  maxBatch: number;
  /** Batches running at once at most; keys submitted meanwhile wait and form the next batch. */
  maxInFlight: number;
}

interface Waiting<K, R> {
  key: K;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for jobs that each read and write a few rows: keys submitted while `maxInFlight` batches run wait
 * and go together in the next batch, so one round trip per batch serves many jobs. Under light load a key runs at
 * once, in a batch of its own (no timer, no added latency); under load, batches grow with the backlog.
 *
 * `run` returns one outcome per key, in order. When it throws for a batch of several keys (or returns something
 * else than one outcome per key), each key is run again alone, one after the other, so one bad key (a poison job)
 * fails only its own job and never takes its batch-mates' attempts with it, and a transient failure is not turned
 * into a burst of concurrent retries. Batches run in the context the batcher was made in, never in the
 * asynchronous context (a transaction held in AsyncLocalStorage, say) of whichever caller happened to start one.
 */
export class GroupBatcher<K, R> {
  private readonly waiting: Array<Waiting<K, R>> = [];
  private inFlight = 0;
  private scheduled = false;
  /** The context `run` is called in: the batcher's own, not the submitting caller's. */
  private readonly context = new AsyncResource('GroupBatcher');

  constructor(
    private readonly run: (keys: K[]) => Promise<Array<BatchOutcome<R>>>,
    private readonly options: GroupBatcherOptions,
  ) {
    if (!(options.maxBatch >= 1 && options.maxInFlight >= 1)) throw new Error('GroupBatcher needs maxBatch and maxInFlight ≥ 1');
  }

  submit(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      // Keys submitted in the same turn of the event loop join one batch.
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Keys waiting for a batch (for tests and metrics). */
  get backlog(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.settle(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async settle(batch: Array<Waiting<K, R>>): Promise<void> {
    let outcomes: Array<BatchOutcome<R>>;
    try {
      const keys = batch.map((w) => w.key);
      outcomes = await this.context.runInAsyncScope(() => this.run(keys));
      if (!Array.isArray(outcomes) || outcomes.length !== batch.length || !outcomes.every(isOutcome)) {
        throw new Error(`GroupBatcher: the batch of ${batch.length} keys did not return one outcome per key`);
      }
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // Isolate the failure: every key again, alone, one at a time.
      for (const waiting of batch) await this.settle([waiting]);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i];
      if ('error' in outcome) waiting.reject(outcome.error);
      else waiting.resolve(outcome.value);
    });
  }
}

function isOutcome<R>(outcome: BatchOutcome<R> | null | undefined): outcome is BatchOutcome<R> {
  return typeof outcome === 'object' && outcome !== null && ('value' in outcome || 'error' in outcome);
}
