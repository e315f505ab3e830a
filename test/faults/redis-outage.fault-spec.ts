import { bidBody, publishChallenge, registerLead, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { waitForStatus } from '../support/lifecycle';
import { failedJobs, FaultStack, recordRecovery, startFaultStack, waitDrained } from './support/fault-stack';
import { auditActions, expectNothingLostNorDoubled } from './support/invariants';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * QUALITY.md "Reliability": Redis restarted (down for less and for more than 10 s) and Redis restarted empty. The
 * Redis is the test's own redis-server; the apps run as child processes and are never restarted here.
 */
describe('Redis outages (faults)', () => {
  let stack: FaultStack;
  let lead: TestUser;
  let smes: TestUser[];
  const accepted = new Set<string>();

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);

  beforeAll(async () => {
    stack = await startFaultStack('redis-outage');
    lead = await registerLead(stack);
    smes = await Promise.all(Array.from({ length: 12 }, () => registerSme(stack)));
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const publish = (deadlineInMs: number) => publishChallenge(stack, lead, deadlineInMs);

  async function submit(challenge: Json, sme: TestUser): Promise<Json> {
    const started = Date.now();
    const created = await bs(sme).post('/api/v1/bids', bidBody(challenge));
    expect(created.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(3_000);
    accepted.add(created.body.id);
    return created.body;
  }

  /** What must hold while Redis is down: writes accepted, APIs ready (Redis degraded), login 503 fast, worker not ready. */
  async function checkWhileDown(challenge: Json, sme: TestUser): Promise<void> {
    await submit(challenge, sme);
    for (const url of [stack.challengeUrl, stack.biddingUrl]) {
      const ready = await client(url).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.details.redis.status).toBe('degraded');
    }
    expect((await client(stack.worker.url).get('/health/ready')).status).toBe(503);
    const started = Date.now();
    const login = await cs().post('/api/v1/auth/login', { email: sme.email, password: sme.password });
    expect(login.status).toBe(503);
    expect(login.body.code).toBe('UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await cs().get(`/api/v1/challenges/${challenge.id}`)).status).toBe(200);
  }

  it.each([
    ['less than 10 s', 4_000, 0],
    ['more than 10 s', 12_000, 4],
  ])('Redis down for %s: writes accepted through the outbox, APIs ready, login 503 fast; the worker resumes by itself and nothing is lost', async (label, downMs, smeOffset) => {
    const challenge = await publish(300_000);
    const workerPid = stack.worker.pid;
    await stack.redis.stop();
    const stoppedAt = Date.now();
    await checkWhileDown(challenge, smes[smeOffset]);
    await sleep(Math.max(0, downMs / 2 - (Date.now() - stoppedAt)));
    await checkWhileDown(challenge, smes[smeOffset + 1]);
    await sleep(Math.max(0, downMs - (Date.now() - stoppedAt)));
    await stack.redis.start();
    const restarted = Date.now();
    const readyAfter = await stack.worker.waitFor('ready', 30_000);
    expect((await cs().post('/api/v1/auth/login', { email: smes[smeOffset].email, password: smes[smeOffset].password })).status).toBe(200);
    const drainedAfter = await waitDrained(stack, 60_000);
    recordRecovery(`Redis down ${label} → worker ready and queues drained`, Date.now() - restarted, { downMs, workerReadyMs: readyAfter, drainMs: drainedAfter });
    expect(stack.worker.pid).toBe(workerPid); // resumed by itself, not restarted
    expect(await failedJobs(stack)).toEqual([]);
    await expectNothingLostNorDoubled(stack, accepted);
  });

  it('Redis restarted empty: the outbox replays what was lost and the reconciler applies the deadline; every bid assessed once', async () => {
    const challenge = await publish(6_000);
    const bids = await Promise.all(smes.slice(8, 12).map((sme) => submit(challenge, sme)));
    await waitDrained(stack);
    // Jobs that are in Redis but not run yet when it loses its data: pause the matching queue, then amend.
    await stack.queues.matching.pause();
    await Promise.all(bids.map((bid, i) => bs(smes[8 + i]).patch(`/api/v1/bids/${bid.id}`, { version: bid.version, durationDays: 200 })));
    await eventually(async () => ((await stack.db.query('SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL')).rows[0].n === 0 ? true : undefined));
    expect((await stack.queues.matching.getJobCounts('waiting')).waiting).toBeGreaterThanOrEqual(bids.length);
    const unassessed = async () =>
      (
        await stack.db.query(
          `SELECT count(*)::int AS n FROM bid_revisions r WHERE NOT EXISTS (SELECT 1 FROM bid_assessments a WHERE a.bid_id = r.bid_id AND a.revision = r.revision)`,
        )
      ).rows[0].n as number;
    expect(await unassessed()).toBe(bids.length);

    await stack.redis.wipe(); // the queued assessments, the pause and the delayed close job are gone
    await stack.redis.start();
    const restarted = Date.now();
    // (Redis's emptiness is not checked here: the relay notices it within one poll and republishes at once.)
    await eventually(async () => ((await unassessed()) === 0 ? true : undefined), 30_000);
    const assessedAfter = Date.now() - restarted;
    await waitForStatus(stack, challenge.id, 'closed', 30_000).catch(() => waitForStatus(stack, challenge.id, 'reviewing', 1_000));
    await waitDrained(stack);
    recordRecovery('Redis restarted empty → lost assessments re-run (outbox replay)', assessedAfter);
    const metrics = await client(stack.worker.url).get('/metrics');
    expect(String(metrics.body)).toMatch(/jiebang_outbox_replayed_total \d*[1-9]/);
    expect((await auditActions(stack, challenge.id)).filter((a) => a === 'challenge.closed')).toHaveLength(1);
    expect(await failedJobs(stack)).toEqual([]);
    await expectNothingLostNorDoubled(stack, accepted);
  });
});
