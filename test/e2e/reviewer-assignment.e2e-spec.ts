import { bidBody, challengeBody, createAdmin, registerLead, registerReviewer, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { waitForStatus } from '../support/lifecycle';
import { startStack, Stack } from '../support/stack';

/**
 * Reviewer assignment through the worker under a small load limit (REVIEWER_MAX_LOAD=2): a shortage keeps the
 * challenge closed and tells the admins; approving reviewers resumes it; loads never exceed the limit; a
 * suspended reviewer's open assignments go to others.
 */
describe('reviewer assignment: shortage, load limit, suspension (large)', () => {
  let stack: Stack;
  let admin: TestUser, lead: TestUser;
  let smes: TestUser[];
  let reviewers: TestUser[];

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const approve = (r: TestUser) => cs(admin).post(`/api/v1/reviewers/${r.id}/approve`);
  const assignments = async (challengeId: string): Promise<Json[]> =>
    (await cs(admin).get(`/api/v1/reviews/assignments?challengeId=${challengeId}&limit=100`)).body.items;

  beforeAll(async () => {
    stack = await startStack({ env: { REVIEWER_MAX_LOAD: '2', LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    admin = await createAdmin(stack);
    [lead, ...smes] = await Promise.all([registerLead(stack), registerSme(stack), registerSme(stack)]);
    reviewers = await Promise.all([0, 1, 2].map(() => registerReviewer(stack, ['伺服控制', '电机'])));
  }, 60_000);
  afterAll(() => stack?.close());

  it('waits in closed on a shortage, notifies admins, resumes when reviewers are approved, and holds the load limit', async () => {
    expect((await approve(reviewers[0])).status).toBe(200);
    const created = await cs(lead).post('/api/v1/challenges', challengeBody(2500, { review: { reviewersPerBid: 2, blind: true } }));
    const challenge = (await cs(lead).post(`/api/v1/challenges/${created.body.id}/publish`)).body;
    for (const sme of smes) expect((await client(stack.biddingUrl, sme.token).post('/api/v1/bids', bidBody(challenge))).status).toBe(201);

    // 2 bids × 2 reviewers need 2 distinct reviewers per bid; one approved reviewer cannot do it.
    const shortage = await eventually(async () => {
      const r = await cs(admin).get('/api/v1/notifications');
      return r.body.items.find((n: Json) => n.type === 'review.shortage' && n.challengeId === challenge.id);
    });
    expect(shortage.message).toMatch(/approve more reviewers/);
    expect((await cs().get(`/api/v1/challenges/${challenge.id}`)).body.status).toBe('closed');
    expect(await assignments(challenge.id)).toHaveLength(0); // nothing half-assigned

    expect((await approve(reviewers[1])).status).toBe(200);
    expect((await approve(reviewers[2])).status).toBe(200);
    await waitForStatus(stack, challenge.id, 'reviewing');
    const rows = await assignments(challenge.id);
    expect(rows).toHaveLength(4);
    const pool = (await cs(admin).get('/api/v1/reviewers?status=approved&limit=100')).body.items;
    for (const r of pool) expect(r.openAssignments).toBeLessThanOrEqual(2);
    expect(pool.reduce((sum: number, r: Json) => sum + r.openAssignments, 0)).toBe(4);

    // ── suspension hands a reviewer's open assignments to others ──
    const busiest = pool.reduce((x: Json, y: Json) => (y.openAssignments > x.openAssignments ? y : x));
    const suspended = await cs(admin).post(`/api/v1/reviewers/${busiest.id}/suspend`);
    expect(suspended.body).toMatchObject({ status: 'suspended', openAssignments: 0 });
    const live = await eventually(async () => {
      const now = (await assignments(challenge.id)).filter((a) => a.status === 'assigned');
      return now.length === 4 ? now : undefined;
    });
    expect(live.map((a: Json) => a.reviewerId)).not.toContain(busiest.id);
    for (const bid of new Set(live.map((a: Json) => a.bidId))) {
      expect(new Set(live.filter((a: Json) => a.bidId === bid).map((a: Json) => a.reviewerId)).size).toBe(2);
    }
    const ended = (await assignments(challenge.id)).filter((a) => a.reviewerId === busiest.id);
    expect(ended.every((a) => a.status === 'declined' && a.declineReason === 'suspended')).toBe(true);
    const after = (await cs(admin).get('/api/v1/reviewers?status=approved&limit=100')).body.items;
    for (const r of after) expect(r.openAssignments).toBeLessThanOrEqual(2);
  }, 90_000);
});
