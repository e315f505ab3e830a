import { bidBody, publishChallenge, registerLead, registerSme, signIn, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { approvedReviewer, scoresAt, submitAllReviews, waitForStatus } from '../support/lifecycle';
import { ADMIN, failedJobs, FaultStack, recordRecovery, startFaultStack, waitDrained } from './support/fault-stack';
import { auditActions, expectNothingLostNorDoubled } from './support/invariants';

const PUBLICITY_SECONDS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * QUALITY.md "Reliability": the worker killed with SIGKILL mid-job and restarted; time-driven transitions while no
 * worker runs. JOB_LOCK_MS=2000: a dead worker's active jobs count as stalled after 2 s and run again.
 */
describe('worker killed (SIGKILL) and down across deadlines (faults)', () => {
  let stack: FaultStack;
  let admin: TestUser, lead: TestUser;
  let smes: TestUser[];
  let reviewers: TestUser[];
  const accepted = new Set<string>();

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);

  beforeAll(async () => {
    stack = await startFaultStack('worker-crash', { PUBLICITY_PERIOD_SECONDS: String(PUBLICITY_SECONDS) });
    admin = await signIn(stack, ADMIN.email, ADMIN.password);
    lead = await registerLead(stack);
    smes = await Promise.all(Array.from({ length: 16 }, () => registerSme(stack)));
    reviewers = await Promise.all([
      approvedReviewer(stack, admin, ['伺服控制', '运动控制']),
      approvedReviewer(stack, admin, ['伺服电机', '控制器']),
      approvedReviewer(stack, admin, ['电机驱动', '精密定位']),
    ]);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const publish = (deadlineInMs: number) =>
    publishChallenge(stack, lead, deadlineInMs, { maxWinners: 1, shortlistSize: 2, passingScore: 50, review: { reviewersPerBid: 2, blind: true } });

  async function bid(challenge: Json, bidders: TestUser[], amendments = 0): Promise<Json[]> {
    return Promise.all(
      bidders.map(async (sme, i) => {
        const created = await bs(sme).post('/api/v1/bids', bidBody(challenge, { priceYuan: 1_500_000 + i }));
        expect(created.status).toBe(201);
        accepted.add(created.body.id);
        let { version } = created.body;
        for (let n = 1; n <= amendments; n += 1) {
          const amended = await bs(sme).patch(`/api/v1/bids/${created.body.id}`, { version, durationDays: 180 + n });
          expect(amended.status).toBe(200);
          version = amended.body.version;
        }
        return created.body;
      }),
    );
  }

  /** Kills the worker with SIGKILL and starts it again, `times` times, after random gaps. */
  async function killRepeatedly(times: number, gapMs: () => number): Promise<void> {
    for (let i = 0; i < times; i += 1) {
      await sleep(gapMs());
      const exit = await stack.worker.signal('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      await stack.worker.start();
    }
  }

  /** The challenge's state transitions after publishing, in audit-chain order. */
  async function transitionsOf(challengeId: string): Promise<string[]> {
    const transitions = ['challenge.closed', 'challenge.failed', 'challenge.shortlisted', 'challenge.publicity', 'challenge.awarded'];
    return (await auditActions(stack, challengeId)).filter((a) => transitions.includes(a));
  }

  it('SIGKILL mid-job, again and again: every job completes, once', async () => {
    const challenge = await publish(300_000);
    let orphaned = 0;
    // Kill while jobs are certainly running: wait for an active job, then kill at once; up to 6 rounds of load.
    for (let round = 0; round < 6 && orphaned < 2; round += 1) {
      const load = bid(challenge, smes.slice(round * 2, round * 2 + 2), 6);
      await eventually(async () => ((await stack.queues.matching.getActiveCount()) > 0 ? true : undefined), 20_000, 2);
      await stack.worker.signal('SIGKILL');
      if ((await stack.queues.matching.getActiveCount()) > 0) orphaned += 1;
      await load;
      await stack.worker.start();
    }
    expect(orphaned).toBeGreaterThanOrEqual(1); // at least one job was cut off mid-run
    const restarted = Date.now();
    const drained = await waitDrained(stack);
    recordRecovery('worker SIGKILL mid-job → restarted, stalled jobs re-run, queues drained', Date.now() - restarted, { orphanedKills: orphaned, drainMs: drained });
    expect(await failedJobs(stack)).toEqual([]);
    await expectNothingLostNorDoubled(stack, accepted);
  });

  it('SIGKILL at random moments from the deadline to the award: assignments, aggregation and notifications happen once', async () => {
    const challenge = await publish(4_000);
    await bid(challenge, smes.slice(12, 16), 1);
    const chaos = killRepeatedly(4, () => 600 + Math.floor(Math.random() * 900));
    await waitForStatus(stack, challenge.id, 'reviewing', 60_000);
    await chaos;
    await submitAllReviews(stack, reviewers, challenge.id, () => scoresAt(challenge, 0.8));
    const killsWhileAggregating = killRepeatedly(2, () => 200 + Math.floor(Math.random() * 400));
    const shortlisted = await waitForStatus(stack, challenge.id, 'shortlisted', 60_000);
    await killsWhileAggregating;
    const ranking = await cs(lead).get(`/api/v1/challenges/${challenge.id}/ranking`);
    expect(ranking.status).toBe(200);
    const winner = ranking.body.items.find((r: Json) => r.shortlisted) ?? ranking.body.items[0];
    const award = await cs(lead).post(`/api/v1/challenges/${shortlisted.id}/award`, { bidIds: [winner.bidId] });
    expect(award.status).toBe(200);
    const killsInPublicity = killRepeatedly(3, () => 500 + Math.floor(Math.random() * 500));
    await waitForStatus(stack, challenge.id, 'awarded', 60_000);
    await killsInPublicity;
    await waitDrained(stack);
    expect(await failedJobs(stack)).toEqual([]);
    await expectNothingLostNorDoubled(stack, accepted);
    const { rows } = await stack.db.query(
      `SELECT count(*)::int AS n FROM review_assignments WHERE challenge_id = $1 AND status <> 'declined'`,
      [challenge.id],
    );
    expect(rows[0].n).toBe(4 * 2); // 4 bids × 2 reviewers, none doubled, none missing
    expect(await transitionsOf(challenge.id)).toEqual(['challenge.closed', 'challenge.shortlisted', 'challenge.publicity', 'challenge.awarded']);
  });

  it('worker down across the bid deadline and the end of publicity: both applied once, in order, as soon as it is back', async () => {
    const challenge = await publish(3_000);
    await bid(challenge, smes.slice(0, 3));
    await waitDrained(stack);
    await stack.worker.signal('SIGKILL');
    await sleep(4_000); // the deadline passes with no worker
    expect((await cs().get(`/api/v1/challenges/${challenge.id}`)).body.status).toBe('published');
    let started = Date.now();
    await stack.worker.start();
    await waitForStatus(stack, challenge.id, 'reviewing', 30_000);
    recordRecovery('deadline passed while the worker was down → closed and reviewers assigned after restart', Date.now() - started);
    await submitAllReviews(stack, reviewers, challenge.id, () => scoresAt(challenge, 0.7));
    await waitForStatus(stack, challenge.id, 'shortlisted', 30_000);
    const ranking = await cs(lead).get(`/api/v1/challenges/${challenge.id}/ranking`);
    const award = await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [ranking.body.items[0].bidId] });
    expect(award.status).toBe(200);
    await waitDrained(stack);
    await stack.worker.signal('SIGKILL');
    await sleep(PUBLICITY_SECONDS * 1000 + 1500); // publicity ends with no worker
    expect((await cs().get(`/api/v1/challenges/${challenge.id}`)).body.status).toBe('publicity');
    started = Date.now();
    await stack.worker.start();
    await waitForStatus(stack, challenge.id, 'awarded', 30_000);
    recordRecovery('publicity ended while the worker was down → awarded after restart', Date.now() - started);
    await waitDrained(stack);
    await expectNothingLostNorDoubled(stack, accepted);
    expect(await transitionsOf(challenge.id)).toEqual(['challenge.closed', 'challenge.shortlisted', 'challenge.publicity', 'challenge.awarded']);
  });
});
