import { bidBody, publishChallenge, registerLead, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { expectNothingLostNorDoubled } from './support/invariants';
import { FaultStack, failedJobs, recordRecovery, startFaultStack, waitDrained } from './support/fault-stack';

/**
 * QUALITY.md "Reliability": the worker stopped with SIGTERM under load, and a job that always throws. The worker
 * runs as a child process with SHUTDOWN_GRACE_MS=8000, JOB_ATTEMPTS=3 and JOB_BACKOFF_MS=300.
 */
describe('worker: SIGTERM under load, and a job that always throws (faults)', () => {
  let stack: FaultStack;
  let lead: TestUser;
  let smes: TestUser[];
  const accepted = new Set<string>();

  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);

  beforeAll(async () => {
    stack = await startFaultStack('shutdown', { JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '300', SHUTDOWN_GRACE_MS: '8000' });
    lead = await registerLead(stack);
    smes = await Promise.all(Array.from({ length: 12 }, () => registerSme(stack)));
  });
  afterAll(async () => {
    await stack?.close();
  });

  const publish = (deadlineInMs: number) => publishChallenge(stack, lead, deadlineInMs);

  /** Every SME bids, then amends its bid `amendments` times: one assess-bid job per revision. */
  async function bidAndAmend(challenge: Json, amendments: number): Promise<void> {
    await Promise.all(
      smes.map(async (sme, i) => {
        const bid = await bs(sme).post('/api/v1/bids', bidBody(challenge, { priceYuan: 1_000_000 + i }));
        expect(bid.status).toBe(201);
        accepted.add(bid.body.id);
        let version = bid.body.version;
        for (let n = 1; n <= amendments; n += 1) {
          const amended = await bs(sme).patch(`/api/v1/bids/${bid.body.id}`, { version, durationDays: 180 + n });
          expect(amended.status).toBe(200);
          version = amended.body.version;
        }
      }),
    );
  }

  it('SIGTERM with jobs in flight: the active jobs finish, the worker exits 0 within the grace period, a new worker drains the rest', async () => {
    const challenge = await publish(120_000);
    const load = bidAndAmend(challenge, 4);
    const active = await eventually(async () => {
      const jobs = await stack.queues.matching.getActive();
      return jobs.length > 0 ? jobs : undefined;
    }, 30_000, 5);
    const exit = await stack.worker.signal('SIGTERM', 20_000);
    expect(exit.code).toBe(0);
    expect(exit.afterMs).toBeLessThan(8_000);
    // The jobs that were running when the signal came were finished, not dropped or left locked.
    for (const job of active) {
      expect(await stack.queues.matching.getJobState(job.id!)).toBe('completed');
    }
    expect(await stack.queues.matching.getActiveCount()).toBe(0);
    await load; // the APIs kept accepting bids and amendments while no worker ran
    const restarted = Date.now();
    await stack.worker.start();
    const drained = await waitDrained(stack);
    recordRecovery('worker SIGTERM under load → restarted, queues drained', Date.now() - restarted, { exitAfterMs: exit.afterMs, drainMs: drained });
    expect(await failedJobs(stack)).toEqual([]);
    await expectNothingLostNorDoubled(stack, accepted);
  });

  it('a job that always throws is retried with backoff, then kept as failed; other jobs are unaffected', async () => {
    // A poison message: its payload makes the transition's query fail every time (not a UUID).
    const poison = await stack.queues.transitions.add('close-bidding', { challengeId: 'not-a-uuid' }, { attempts: 3, backoff: { type: 'exponential', delay: 300 } });
    const challenge = await publish(120_000);
    await bidAndAmend(challenge, 1);
    const failed = await eventually(async () => ((await poison.isFailed()) ? true : undefined), 30_000);
    expect(failed).toBe(true);
    const job = await stack.queues.transitions.getJob(poison.id!);
    expect(job?.attemptsMade).toBe(3);
    expect(job?.failedReason).toMatch(/uuid/i);
    // Backoff: 300 ms then 600 ms between the three attempts.
    expect(job!.finishedOn! - job!.timestamp).toBeGreaterThanOrEqual(900);
    // The failed job is kept for inspection, not removed; the rest of the work completed.
    expect(await stack.queues.transitions.getFailedCount()).toBe(1);
    await waitDrained(stack);
    expect((await failedJobs(stack)).map((f) => f.name)).toEqual(['close-bidding']);
    await expectNothingLostNorDoubled(stack, accepted);
    const ready = await client(stack.worker.url).get('/health/ready');
    expect(ready.status).toBe(200);
  });
});
