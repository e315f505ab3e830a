import { AsyncLocalStorage } from 'node:async_hooks';
import { BatchOutcome, GroupBatcher } from './group-batcher';

/** A controllable batch runner: records each batch and settles it when the test says. */
function recorder() {
  const batches: number[][] = [];
  const pending: Array<{ keys: number[]; settle: (fail?: Error) => void }> = [];
  const run = (keys: number[]) =>
    new Promise<Array<BatchOutcome<string>>>((resolve, reject) => {
      batches.push(keys);
      pending.push({
        keys,
        settle: (fail) => (fail ? reject(fail) : resolve(keys.map((k) => (k < 0 ? { error: new Error(`bad ${k}`) } : { value: `done ${k}` })))),
      });
    });
  return { batches, pending, run };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupBatcher', () => {
  it('runs a key submitted alone at once, in a batch of its own', async () => {
    const { batches, pending, run } = recorder();
    const batcher = new GroupBatcher(run, { maxBatch: 10, maxInFlight: 1 });

    const result = batcher.submit(1);
    await turn();
    expect(batches).toEqual([[1]]);
    pending[0].settle();
    await expect(result).resolves.toBe('done 1');
  });

  it('groups keys submitted in one turn, and keys submitted while batches run, up to maxBatch', async () => {
    const { batches, pending, run } = recorder();
    const batcher = new GroupBatcher(run, { maxBatch: 3, maxInFlight: 1 });

    const first = [1, 2].map((k) => batcher.submit(k));
    await turn();
    const waiting = [3, 4, 5, 6, 7].map((k) => batcher.submit(k));
    await turn();
    expect(batches).toEqual([[1, 2]]);
    expect(batcher.backlog).toBe(5);

    pending[0].settle();
    await expect(Promise.all(first)).resolves.toEqual(['done 1', 'done 2']);
    await turn();
    expect(batches).toEqual([[1, 2], [3, 4, 5]]);
    pending[1].settle();
    await turn();
    expect(batches).toEqual([[1, 2], [3, 4, 5], [6, 7]]);
    pending[2].settle();
    await expect(Promise.all(waiting)).resolves.toEqual(['done 3', 'done 4', 'done 5', 'done 6', 'done 7']);
  });

  it('runs at most maxInFlight batches at once', async () => {
    const { batches, pending, run } = recorder();
    const batcher = new GroupBatcher(run, { maxBatch: 1, maxInFlight: 2 });

    const results = [1, 2, 3].map((k) => batcher.submit(k));
    await turn();
    expect(batches).toEqual([[1], [2]]);
    pending[1].settle();
    await turn();
    expect(batches).toEqual([[1], [2], [3]]);
    pending[0].settle();
    pending[2].settle();
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'done 2', 'done 3']);
  });

  it('rejects only the key whose own outcome is an error', async () => {
    const { pending, run } = recorder();
    const batcher = new GroupBatcher(run, { maxBatch: 10, maxInFlight: 1 });

    const results = [1, -2, 3].map((k) => batcher.submit(k).catch((error: Error) => error.message));
    await turn();
    pending[0].settle();
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'bad -2', 'done 3']);
  });

  it('runs every key of a failed batch again alone, so one poison key fails only its own caller', async () => {
    const batches: number[][] = [];
    // The runner fails any batch containing 0 (as a query fails on one malformed id).
    const run = async (keys: number[]) => {
      batches.push(keys);
      if (keys.includes(0)) throw new Error('poison');
      return keys.map((k) => ({ value: `done ${k}` }));
    };
    const batcher = new GroupBatcher(run, { maxBatch: 10, maxInFlight: 1 });

    const results = [1, 0, 2].map((k) => batcher.submit(k).catch((error: Error) => error.message));
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'poison', 'done 2']);
    expect(batches).toEqual([[1, 0, 2], [1], [0], [2]]);
  });

  it('treats a runner that returns the wrong number of outcomes as a failed batch', async () => {
    const batcher = new GroupBatcher(async (keys: number[]) => (keys.length > 1 ? [] : [{ value: keys[0] * 10 }]), { maxBatch: 10, maxInFlight: 1 });
    await expect(Promise.all([batcher.submit(1), batcher.submit(2)])).resolves.toEqual([10, 20]);
    const broken = new GroupBatcher(async () => [], { maxBatch: 10, maxInFlight: 1 });
    await expect(broken.submit(1)).rejects.toThrow('did not return one outcome per key');
  });

  it('treats a hole or a malformed outcome as a failed batch, and still settles every key', async () => {
    const batcher = new GroupBatcher(
      async (keys: number[]) => (keys.length > 1 ? [{ value: keys[0] }, null as unknown as BatchOutcome<number>, {} as BatchOutcome<number>] : [{ value: keys[0] }]),
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(Promise.all([1, 2, 3].map((k) => batcher.submit(k)))).resolves.toEqual([1, 2, 3]);
  });

  it('reruns the keys of a failed batch one at a time, not all at once', async () => {
    let running = 0;
    let most = 0;
    const batcher = new GroupBatcher(
      async (keys: number[]) => {
        running += 1;
        most = Math.max(most, running);
        await turn();
        running -= 1;
        if (keys.length > 1) throw new Error('connection lost');
        return [{ value: keys[0] }];
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(Promise.all([1, 2, 3, 4].map((k) => batcher.submit(k)))).resolves.toEqual([1, 2, 3, 4]);
    expect(most).toBe(1);
  });

  it("runs batches in the batcher's own async context, not in the context of the caller that started one", async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen: Array<string | undefined> = [];
    const batcher = new GroupBatcher(
      async (keys: number[]) => {
        seen.push(storage.getStore());
        return keys.map((k) => ({ value: k }));
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await storage.run('a transaction of job 1', () => batcher.submit(1));
    expect(seen).toEqual([undefined]);
  });

  it('refuses sizes below one', () => {
    expect(() => new GroupBatcher(async () => [], { maxBatch: 0, maxInFlight: 1 })).toThrow();
    expect(() => new GroupBatcher(async () => [], { maxBatch: 1, maxInFlight: 0 })).toThrow();
  });
});
