import { randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { createHttpApp, MetricsService } from '@jiebang/platform';
import { MatchingWorkerModule } from '../../apps/matching-worker/src/matching-worker.module';
import { AggregateReviewsTransition } from '../../apps/matching-worker/src/reviews/aggregate-reviews.transition';
import { AssignReviewersTransition } from '../../apps/matching-worker/src/reviews/assign-reviewers.transition';
import { FinalizePublicityTransition } from '../../apps/matching-worker/src/reviews/finalize-publicity.transition';
import { CloseBiddingTransition } from '../../apps/matching-worker/src/transitions/close-bidding.transition';
import { RECONCILER_LOCK_KEY } from '../../apps/matching-worker/src/transitions/reconciler';
import { bidBody, createAdmin, publishChallenge, registerLead, registerSme, TestUser } from '../support/actors';
import { ApiResponse, client, eventually, Json } from '../support/http';
import { approvedReviewer, scoresAt, submitAllReviews, waitForStatus } from '../support/lifecycle';
import { startStack, Stack } from '../support/stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sleepUntil = (at: number) => sleep(Math.max(0, at - Date.now()));

/**
 * More reviewers per bid than the four approved: after the close no reviewer can be assigned (a shortage), so the
 * challenge stays `closed` and the reviewers' load is left for the review races.
 */
const STAYS_CLOSED = { review: { reviewersPerBid: 7 } };

/** One HTTP attempt of the deadline race: when it left, when its answer came, what it was. */
interface Attempt {
  kind: 'submit' | 'amend';
  sentAt: number;
  receivedAt: number;
  response: ApiResponse<Json>;
}

/**
 * Races decided by the database, checked by counting rows (never logs): bids against the deadline (and a bid
 * transaction held across it), concurrent amendments at one version, the last two reviews submitted at once, and
 * two matching workers applying the same time-driven transitions — through their queues and reconcilers, and by
 * calling the transitions directly from both workers' containers at once.
 */
describe('races (large)', () => {
  let stack: Stack;
  let worker2: NestFastifyApplication;
  let db: Client;
  let admin: TestUser, lead: TestUser;
  let smes: TestUser[];
  let reviewers: TestUser[];

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);
  const workers = () => [stack.worker as NestFastifyApplication, worker2];

  async function count(sql: string, params: unknown[]): Promise<number> {
    return (await db.query(sql, params)).rows[0].n;
  }
  const auditCount = (challengeId: string, action: string) =>
    count('SELECT count(*)::int AS n FROM audit_events WHERE challenge_id = $1 AND action = $2', [challengeId, action]);

  const publish = (deadlineInMs: number, overrides: Json = {}) => publishChallenge(stack, lead, deadlineInMs, overrides);

  async function publishWithBids(bidders: TestUser[], deadlineInMs: number, overrides: Json = {}): Promise<{ challenge: Json; bids: Json[] }> {
    const challenge = await publish(deadlineInMs, overrides);
    const bids = await Promise.all(bidders.map((sme) => bs(sme).post('/api/v1/bids', bidBody(challenge))));
    expect(bids.map((b) => b.status)).toEqual(bidders.map(() => 201));
    return { challenge, bids: bids.map((b) => b.body) };
  }

  /** The bid deadline as stored (the database's clock decides). */
  async function deadlineOf(challengeId: string): Promise<number> {
    return ((await db.query('SELECT bid_deadline FROM challenges WHERE id = $1', [challengeId])).rows[0].bid_deadline as Date).getTime();
  }

  /** Every live bid the lead can list on its challenge (all pages). */
  async function leadBidIds(challengeId: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await bs(lead).get(`/api/v1/bids?challengeId=${challengeId}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.status).toBe(200);
      ids.push(...r.body.items.map((b: Json) => b.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    return ids;
  }

  /** Jobs a worker ran (either queue), from its own metrics registry. */
  async function jobsRunBy(worker: NestFastifyApplication): Promise<number> {
    const metric = worker.get(MetricsService).registry.getSingleMetric('jiebang_job_duration_seconds');
    if (!metric) return 0;
    return (await metric.get()).values.filter((v) => 'metricName' in v && String(v.metricName).endsWith('_count')).reduce((sum, v) => sum + v.value, 0);
  }

  /** Notifications about one challenge: how many rows each user has of `type`. */
  async function notificationsPerUser(challengeId: string, type: string): Promise<Map<string, number>> {
    const rows = await db.query('SELECT user_id, count(*)::int AS n FROM notifications WHERE challenge_id = $1 AND type = $2 GROUP BY user_id', [
      challengeId,
      type,
    ]);
    return new Map(rows.rows.map((r) => [r.user_id as string, r.n as number]));
  }

  beforeAll(async () => {
    stack = await startStack({ env: { MIN_BID_WINDOW_SECONDS: '0', PUBLICITY_PERIOD_SECONDS: '2' } });
    // A second matching worker with the same configuration: same database, same queues, its own reconciler.
    worker2 = await createHttpApp(MatchingWorkerModule.forRoot(stack.config), { config: stack.config, port: 0 });
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    admin = await createAdmin(stack);
    lead = await registerLead(stack);
    smes = [];
    for (let i = 0; i < 6; i += 1) smes.push(...(await Promise.all(Array.from({ length: 10 }, () => registerSme(stack)))));
    reviewers = await Promise.all([
      approvedReviewer(stack, admin, ['伺服控制', '运动控制', 'EtherCAT']),
      approvedReviewer(stack, admin, ['伺服电机', '控制器']),
      approvedReviewer(stack, admin, ['电机驱动', '精密定位']),
      approvedReviewer(stack, admin, ['伺服', '电机']),
    ]);
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await worker2?.close();
    await stack?.close();
  });

  describe('bids against the deadline', () => {
    it('accepts exactly the bids and amendments decided before the deadline, and the close counts every one of them', async () => {
      const bidders = smes.slice(0, 48);
      const challenge = await publish(3_000, STAYS_CLOSED);
      const deadline = await deadlineOf(challenge.id);
      const attempts: Attempt[] = [];
      const attempt = async (kind: Attempt['kind'], send: () => Promise<ApiResponse<Json>>) => {
        const sentAt = Date.now();
        const response = await send();
        const done = { kind, sentAt, receivedAt: Date.now(), response };
        attempts.push(done);
        return done;
      };
      // Twelve waves of four SMEs, 150 ms apart, from 1 s before the deadline to 650 ms after it; each accepted
      // bid is amended 300 ms later (so amendments straddle the deadline too).
      await Promise.all(
        bidders.map(async (sme, i) => {
          await sleepUntil(deadline - 1_000 + Math.floor(i / 4) * 150);
          const submitted = await attempt('submit', () => bs(sme).post('/api/v1/bids', bidBody(challenge, { summary: `方案 ${i}` })));
          if (submitted.response.status !== 201) return;
          await sleep(300);
          const { id, version } = submitted.response.body;
          await attempt('amend', () => bs(sme).patch(`/api/v1/bids/${id}`, { version, summary: `修订方案 ${i}` }));
        }),
      );

      const submits = attempts.filter((a) => a.kind === 'submit');
      const accepted = submits.filter((a) => a.response.status === 201);
      const amended = attempts.filter((a) => a.kind === 'amend' && a.response.status === 200);
      const refused = attempts.filter((a) => a.response.status !== 201 && a.response.status !== 200);
      expect(submits).toHaveLength(bidders.length);
      // The race is real: both outcomes happen.
      expect(accepted.length).toBeGreaterThan(0);
      expect(submits.length - accepted.length).toBeGreaterThan(0);
      // Every refusal is BIDDING_CLOSED (documented 422) and was answered at or after the deadline; every
      // acceptance left before it (the client and Postgres share this machine's clock).
      for (const a of refused) {
        expect([a.response.status, a.response.body.code]).toEqual([422, 'BIDDING_CLOSED']);
        expect(a.receivedAt).toBeGreaterThanOrEqual(deadline);
      }
      for (const a of [...accepted, ...amended]) expect(a.sentAt).toBeLessThan(deadline);

      // Every 201 is a stored bid, and nothing else is.
      const stored = await db.query('SELECT id FROM bids WHERE challenge_id = $1', [challenge.id]);
      expect(stored.rows.map((r) => r.id).sort()).toEqual(accepted.map((a) => a.response.body.id).sort());
      // Nothing was accepted at or after the deadline by the server's clock: bids, revisions, bid events.
      const late = await db.query(
        `SELECT (SELECT count(*)::int FROM bids b WHERE b.challenge_id = c.id AND b.submitted_at >= c.bid_deadline) AS bids,
                (SELECT count(*)::int FROM bid_revisions r JOIN bids b ON b.id = r.bid_id
                  WHERE b.challenge_id = c.id AND r.created_at >= c.bid_deadline) AS revisions,
                (SELECT count(*)::int FROM audit_events e
                  WHERE e.challenge_id = c.id AND e.action LIKE 'bid.%' AND e.at >= c.bid_deadline) AS events
           FROM challenges c WHERE c.id = $1`,
        [challenge.id],
      );
      expect(late.rows[0]).toEqual({ bids: 0, revisions: 0, events: 0 });
      const revisions = await count('SELECT count(*)::int AS n FROM bid_revisions r JOIN bids b ON b.id = r.bid_id WHERE b.challenge_id = $1', [
        challenge.id,
      ]);
      expect(revisions).toBe(accepted.length + amended.length);
      expect(await auditCount(challenge.id, 'bid.submitted')).toBe(accepted.length);
      expect(await auditCount(challenge.id, 'bid.amended')).toBe(amended.length);

      // The close (two workers) counts every accepted bid, once.
      const closed = await waitForStatus(stack, challenge.id, 'closed');
      expect(closed.bidCount).toBe(accepted.length);
      const closeEvents = await db.query(
        `SELECT e.data, e.at >= c.bid_deadline AS after_deadline FROM audit_events e JOIN challenges c ON c.id = e.challenge_id
          WHERE e.challenge_id = $1 AND e.action IN ('challenge.closed', 'challenge.failed')`,
        [challenge.id],
      );
      expect(closeEvents.rows).toEqual([{ data: { liveBids: accepted.length }, after_deadline: true }]);
      expect((await leadBidIds(challenge.id)).sort()).toEqual(accepted.map((a) => a.response.body.id).sort());
    }, 40_000);

    it('refuses a bid whose transaction passed the first check before the deadline but is still open after it; the close waits and counts only committed bids', async () => {
      const [early, held, queuedA, queuedB] = smes.slice(48, 52);
      const challenge = await publish(2_500, STAYS_CLOSED);
      const deadline = await deadlineOf(challenge.id);
      expect((await bs(early).post('/api/v1/bids', bidBody(challenge))).status).toBe(201);

      // Another session holds an uncommitted bid row of `held` on this challenge: `held`'s own insert (made
      // after it locked the challenge and checked the deadline) waits on the one-live-bid index until it ends.
      const blocker = new Client({ connectionString: stack.databaseUrl });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(
          `INSERT INTO bids (id, challenge_id, organization_id, submitted_by, status, version, revision, summary, technical_approach,
                             price_yuan, duration_days, kpi_responses, milestones, team, content_hash, submitted_at, updated_at)
           VALUES ($1, $2, $3, $4, 'submitted', 1, 1, 'blocker', 'blocker', 1, 1, '[]', '[]', '[]', 'blocker', now(), now())`,
          [randomUUID(), challenge.id, held.organizationId, held.id],
        );
        const heldSentAt = Date.now();
        const heldBid = bs(held).post('/api/v1/bids', bidBody(challenge));
        await eventually(async () => {
          const waiting = await count(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO "bids"%'`,
            [],
          );
          return waiting === 1 ? true : undefined;
        }, 5_000, 20);
        expect(Date.now()).toBeLessThan(deadline); // `held` is inside its transaction, past the first check, before the deadline
        // Two more bids queue on the challenge lock `held` holds; the deadline passes (the close job queues too).
        const queued = [queuedA, queuedB].map((sme) => bs(sme).post('/api/v1/bids', bidBody(challenge)));
        await sleepUntil(deadline + 500);
        await blocker.query('ROLLBACK');

        const [heldResponse, ...queuedResponses] = await Promise.all([heldBid, ...queued]);
        expect(heldSentAt).toBeLessThan(deadline);
        for (const r of [heldResponse, ...queuedResponses]) expect([r.status, r.body.code]).toEqual([422, 'BIDDING_CLOSED']);
      } finally {
        await blocker.end();
      }

      const closed = await waitForStatus(stack, challenge.id, 'closed');
      expect(closed.bidCount).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM bids WHERE challenge_id = $1', [challenge.id])).toBe(1);
      const closeEvents = await db.query(`SELECT action, data FROM audit_events WHERE challenge_id = $1 AND action IN ('challenge.closed', 'challenge.failed')`, [
        challenge.id,
      ]);
      expect(closeEvents.rows).toEqual([{ action: 'challenge.closed', data: { liveBids: 1 } }]);
      // The refused transaction left nothing behind: no bid event, no assessment request.
      expect(await auditCount(challenge.id, 'bid.submitted')).toBe(1);
      expect(
        await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'assess-bid' AND payload->>'bidId' IN (SELECT id::text FROM bids WHERE challenge_id = $1)`, [
          challenge.id,
        ]),
      ).toBe(1);
    }, 30_000);
  });

  it('ten concurrent amendments at one version: one 200, nine VERSION_CONFLICT, one new revision and one assessment request', async () => {
    const sme = smes[52];
    const challenge = await publish(60_000);
    const submitted = await bs(sme).post('/api/v1/bids', bidBody(challenge));
    expect(submitted.status).toBe(201);
    const { id, version } = submitted.body;
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => bs(sme).patch(`/api/v1/bids/${id}`, { version, summary: `并发修订 ${i}`, priceYuan: 1_000_000 + i })),
    );
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(responses.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: 9 }, () => [409, 'VERSION_CONFLICT']));
    expect(ok[0].body).toMatchObject({ revision: 2, version: version + 1 });

    const row = (await db.query('SELECT revision, version, summary FROM bids WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ revision: 2, version: version + 1, summary: ok[0].body.summary });
    const revisions = await db.query('SELECT revision, content FROM bid_revisions WHERE bid_id = $1 ORDER BY revision', [id]);
    expect(revisions.rows.map((r) => r.revision)).toEqual([1, 2]);
    expect(revisions.rows[1].content.summary).toBe(ok[0].body.summary);
    const assessments = await db.query(`SELECT payload->>'revision' AS revision FROM outbox_messages WHERE job_name = 'assess-bid' AND payload->>'bidId' = $1 ORDER BY id`, [id]);
    expect(assessments.rows.map((r) => r.revision)).toEqual(['1', '2']);
    expect(await auditCount(challenge.id, 'bid.amended')).toBe(1);
  });

  it('the last two reviews submitted at once (each also twice): aggregation runs once', async () => {
    const { challenge, bids } = await publishWithBids(smes.slice(53, 55), 2_000, { review: { reviewersPerBid: 2, blind: true } });
    await waitForStatus(stack, challenge.id, 'reviewing');
    const all = await cs(admin).get(`/api/v1/reviews/assignments?challengeId=${challenge.id}&limit=100`);
    expect(all.body.items).toHaveLength(4);
    // The last two: both assignments of the first bid (two different reviewers by construction).
    const last = all.body.items.filter((a: Json) => a.bidId === bids[0].id);
    const first = all.body.items.filter((a: Json) => a.bidId !== bids[0].id);
    expect(new Set(last.map((a: Json) => a.reviewerId)).size).toBe(2);
    const reviewerOf = (a: Json) => reviewers.find((r) => r.id === a.reviewerId) as TestUser;
    const submit = (a: Json) =>
      cs(reviewerOf(a)).put(`/api/v1/reviews/assignments/${a.id}/review`, { scores: scoresAt(challenge, 0.8), comment: '方案可行', submit: true });
    for (const a of first) expect((await submit(a)).status).toBe(200);
    expect(await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'aggregate-reviews' AND payload->>'challengeId' = $1`, [challenge.id])).toBe(0);

    const [a1, b1, a2, b2] = await Promise.all([submit(last[0]), submit(last[1]), submit(last[0]), submit(last[1])]);
    for (const [x, y] of [
      [a1, a2],
      [b1, b2],
    ]) {
      expect([x.status, y.status].sort()).toEqual([200, 409]);
      expect([x, y].find((r) => r.status === 409)?.body.code).toBe('INVALID_STATE');
    }

    await waitForStatus(stack, challenge.id, 'shortlisted');
    await sleep(1_200); // two reconciler periods: room for a duplicate run to show
    expect(await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE job_name = 'aggregate-reviews' AND payload->>'challengeId' = $1`, [challenge.id])).toBe(1);
    expect(await auditCount(challenge.id, 'review.submitted')).toBe(4);
    expect(await auditCount(challenge.id, 'challenge.ranked')).toBe(1);
    expect(await auditCount(challenge.id, 'challenge.shortlisted')).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM reviews WHERE challenge_id = $1 AND status = 'submitted'`, [challenge.id])).toBe(4);
    expect(await count('SELECT count(*)::int AS n FROM bid_rankings WHERE challenge_id = $1', [challenge.id])).toBe(2);
    expect(await notificationsPerUser(challenge.id, 'challenge.shortlisted')).toEqual(new Map([[lead.id, 1]]));
  }, 40_000);

  describe('assessment batches', () => {
    /** Observations of the assessment batch-size histogram over both workers: batches and the jobs in them. */
    async function batchTotals(): Promise<{ batches: number; jobs: number }> {
      const totals = { batches: 0, jobs: 0 };
      for (const worker of [stack.worker!, worker2]) {
        const metric = worker.get(MetricsService).registry.getSingleMetric('jiebang_assessment_batch_size');
        for (const v of metric ? (await metric.get()).values : []) {
          const name = 'metricName' in v ? String(v.metricName) : '';
          if (name.endsWith('_count')) totals.batches += v.value;
          if (name.endsWith('_sum')) totals.jobs += v.value;
        }
      }
      return totals;
    }

    it('assesses a burst of bids in shared batches, each revision once and from its own content', async () => {
      const bidders = smes.slice(0, 40);
      const challenge = await publish(120_000, STAYS_CLOSED);
      const before = await batchTotals();
      const prices = bidders.map((_, i) => 1_000_000 + i * 10_000);
      const bids = await Promise.all(bidders.map((sme, i) => bs(sme).post('/api/v1/bids', bidBody(challenge, { priceYuan: prices[i] }))));
      expect(bids.map((b) => b.status)).toEqual(bidders.map(() => 201));

      const rows = await eventually(async () => {
        const r = await db.query(
          `SELECT a.bid_id, (a.price->>'ratio')::float8 AS ratio
             FROM bid_assessments a JOIN bids b ON b.id = a.bid_id WHERE b.challenge_id = $1 AND a.revision = 1`,
          [challenge.id],
        );
        return r.rows.length === bids.length ? r.rows : undefined;
      }, 30_000);

      // Each bid's assessment is computed from its own price (prices differ per bid): no batch-mate's input leaks in.
      const priceOf = new Map(bids.map((b, i) => [b.body.id as string, prices[i]]));
      for (const row of rows) {
        expect(row.ratio).toBeCloseTo(priceOf.get(row.bid_id)! / challenge.rewardYuan, 9);
      }
      // Not vacuous: the workers did group jobs (fewer batches than jobs).
      const after = await batchTotals();
      expect(after.jobs - before.jobs).toBeGreaterThanOrEqual(bids.length);
      expect(after.batches - before.batches).toBeLessThan(after.jobs - before.jobs);
    });
  });

  describe('two matching workers', () => {
    it('apply close, assignment, aggregation and finalisation once each (queues and reconcilers of both)', async () => {
      const bidders = smes.slice(55, 57);
      const { challenge, bids } = await publishWithBids(bidders, 2_000, { review: { reviewersPerBid: 2, blind: true } });
      await waitForStatus(stack, challenge.id, 'reviewing');
      await submitAllReviews(stack, reviewers, challenge.id, () => scoresAt(challenge, 0.8));
      await waitForStatus(stack, challenge.id, 'shortlisted');
      const award = await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bids[0].id] });
      expect(award.status).toBe(200);
      await waitForStatus(stack, challenge.id, 'awarded', 15_000);
      await sleep(1_200); // two reconciler periods: room for a duplicate run to show

      for (const action of ['challenge.closed', 'reviews.assigned', 'challenge.reviewing', 'challenge.ranked', 'challenge.shortlisted', 'challenge.publicity', 'challenge.awarded']) {
        expect([action, await auditCount(challenge.id, action)]).toEqual([action, 1]);
      }
      expect(await auditCount(challenge.id, 'challenge.failed')).toBe(0);
      const assignments = await db.query('SELECT bid_id, reviewer_id FROM review_assignments WHERE challenge_id = $1', [challenge.id]);
      expect(assignments.rows).toHaveLength(4);
      expect(new Set(assignments.rows.map((r) => `${r.bid_id}:${r.reviewer_id}`)).size).toBe(4);
      expect(await count('SELECT count(*)::int AS n FROM bid_rankings WHERE challenge_id = $1', [challenge.id])).toBe(2);

      const once = (users: string[]) => new Map(users.map((u) => [u, 1]));
      expect(await notificationsPerUser(challenge.id, 'challenge.closed')).toEqual(once([lead.id, ...bidders.map((s) => s.id)]));
      expect(await notificationsPerUser(challenge.id, 'challenge.shortlisted')).toEqual(once([lead.id]));
      const assignedPerReviewer = new Map<string, number>();
      for (const r of assignments.rows) assignedPerReviewer.set(r.reviewer_id, (assignedPerReviewer.get(r.reviewer_id) ?? 0) + 1);
      expect(await notificationsPerUser(challenge.id, 'review.assigned')).toEqual(assignedPerReviewer);
      expect(await notificationsPerUser(challenge.id, 'bid.awarded')).toEqual(once([bidders[0].id]));
      expect(await notificationsPerUser(challenge.id, 'bid.not-awarded')).toEqual(once([bidders[1].id]));
      // Both workers really took part (jobs of this file spread over both).
      for (const worker of workers()) expect(await jobsRunBy(worker)).toBeGreaterThan(0);
    }, 40_000);

    it('called directly and concurrently from both workers, each transition applies once and the other call is a no-op', async () => {
      const queue = workers()[0].get<Queue>(getQueueToken('transitions'), { strict: false });
      // Keep the background out of the way: no reconciler can take its advisory lock, no transition job is taken.
      const reconcilerLock = new Client({ connectionString: stack.databaseUrl });
      await reconcilerLock.connect();
      await reconcilerLock.query('SELECT pg_advisory_lock($1)', [RECONCILER_LOCK_KEY]);
      await queue.pause();
      const bidders = smes.slice(57, 59);
      let challengeId = '';
      try {
        const { challenge, bids } = await publishWithBids(bidders, 1_500, { review: { reviewersPerBid: 1, blind: true } });
        challengeId = challenge.id;
        const both = <T>(transition: Type<{ run(challengeId: string): Promise<T> }>) =>
          Promise.all(workers().map((w) => w.get(transition).run(challenge.id)));
        const passed = (column: string) =>
          eventually(async () => ((await db.query(`SELECT ${column} <= clock_timestamp() AS due FROM challenges WHERE id = $1`, [challenge.id])).rows[0].due ? true : undefined));

        await passed('bid_deadline');
        expect((await both(CloseBiddingTransition)).sort()).toEqual(['closed', 'not-published']);
        expect((await both(AssignReviewersTransition)).map((r) => r.outcome).sort()).toEqual(['assigned', 'complete']);
        expect(await count('SELECT count(*)::int AS n FROM review_assignments WHERE challenge_id = $1', [challenge.id])).toBe(2);
        await submitAllReviews(stack, reviewers, challenge.id, () => scoresAt(challenge, 0.8));
        expect((await both(AggregateReviewsTransition)).sort()).toEqual(['shortlisted', 'skipped']);
        expect((await cs(lead).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bids[0].id] })).status).toBe(200);
        await passed('publicity_ends_at');
        expect((await both(FinalizePublicityTransition)).sort()).toEqual(['awarded', 'skipped']);
      } finally {
        await queue.resume();
        await reconcilerLock.end();
      }

      // The jobs held back meanwhile (close at the deadline, assignment, aggregation, finalisation) now run: no-ops.
      await eventually(async () => {
        const pending = await count(`SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL AND payload->>'challengeId' = $1`, [challengeId]);
        const jobs = await queue.getJobs(['wait', 'active', 'delayed', 'prioritized']);
        return pending === 0 && !jobs.some((job) => job?.data?.challengeId === challengeId) ? true : undefined;
      }, 15_000);
      await sleep(1_200);
      for (const action of ['challenge.closed', 'reviews.assigned', 'challenge.reviewing', 'challenge.ranked', 'challenge.shortlisted', 'challenge.publicity', 'challenge.awarded']) {
        expect([action, await auditCount(challengeId, action)]).toEqual([action, 1]);
      }
      expect(await count('SELECT count(*)::int AS n FROM review_assignments WHERE challenge_id = $1', [challengeId])).toBe(2);
      expect(await notificationsPerUser(challengeId, 'challenge.closed')).toEqual(new Map([lead.id, ...bidders.map((s) => s.id)].map((u) => [u, 1])));
      expect((await cs().get(`/api/v1/challenges/${challengeId}`)).body.status).toBe('awarded');
      const verify = await cs(lead).get(`/api/v1/challenges/${challengeId}/audit/verify`);
      expect(verify.body.valid).toBe(true);
    }, 40_000);
  });
});
