import { Permits } from './permits';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A job the test finishes (or fails) when it wants. */
function controllable() {
  let finish!: (fail?: Error) => void;
  const done = new Promise<void>((resolve, reject) => (finish = (fail) => (fail ? reject(fail) : resolve())));
  return { done, finish };
}

describe('Permits', () => {
  it('lets at most `count` jobs run at once, the others in arrival order as permits come back', async () => {
    const permits = new Permits(2);
    const started: number[] = [];
    const jobs = [0, 1, 2, 3].map(() => controllable());
    const runs = jobs.map((job, i) =>
      permits.run(async () => {
        started.push(i);
        await job.done;
        return i;
      }),
    );
    await turn();
    expect(started).toEqual([0, 1]);
    expect(permits.queued).toBe(2);

    jobs[1].finish();
    await turn();
    expect(started).toEqual([0, 1, 2]);
    jobs[0].finish(new Error('failed job'));
    await turn();
    // A failed job returns its permit too.
    expect(started).toEqual([0, 1, 2, 3]);
    jobs[2].finish();
    jobs[3].finish();
    await expect(runs[0]).rejects.toThrow('failed job');
    await expect(Promise.all(runs.slice(1))).resolves.toEqual([1, 2, 3]);
    expect(permits.queued).toBe(0);

    // Every permit is back: two run at once again.
    const again = [controllable(), controllable(), controllable()];
    let running = 0;
    let most = 0;
    const reruns = again.map((job) =>
      permits.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await job.done;
        running -= 1;
      }),
    );
    await turn();
    again.forEach((job) => job.finish());
    await Promise.all(reruns);
    expect(most).toBe(2);
  });

  it('refuses a count below one', () => {
    expect(() => new Permits(0)).toThrow();
    expect(() => new Permits(1.5)).toThrow();
  });
});
