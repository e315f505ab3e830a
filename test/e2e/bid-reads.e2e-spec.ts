import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bidBody, challengeBody, createAdmin, registerLead, registerSme, TestUser } from '../support/actors';
import { client, Json } from '../support/http';
import { approvedReviewer, assignmentsOf, waitForStatus } from '../support/lifecycle';
import { expectProblem } from '../support/matrix';
import { startStack, Stack } from '../support/stack';

/**
 * QUALITY.md "Security": every read of a bid by anyone but its author is recorded (table `bid_reads`). Every path
 * that shows a bid's content to someone else is exercised after the deadline — the owner lead's and an admin's
 * GET /bids/:id, GET /bids?challengeId= (one row per bid listed, page by page) and GET /bids/:id/assessment, the
 * assigned reviewer's (blind) and an admin's GET /reviews/assignments/:id — and each read must leave exactly one
 * row naming the reader, the role and the purpose. The author's own reads are not recorded (the bid is theirs),
 * nor are refused reads (sealed before the deadline, 404 to everyone else), which show nothing.
 */

interface Read {
  bidId: string;
  readerId: string;
  role: string;
  purpose: string;
}

const key = (r: Read) => `${r.bidId} ${r.readerId} ${r.role} ${r.purpose}`;

describe('bid reads are recorded (large)', () => {
  let stack: Stack;
  let db: Client;
  let lead: TestUser, otherLead: TestUser, admin: TestUser, author: TestUser, otherSme: TestUser, reviewer: TestUser;
  let challenge: Json, bid: Json, otherBid: Json, assignment: Json;

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);
  const recorded = async (): Promise<Array<Read & { id: string; at: Date }>> =>
    (await db.query('SELECT id, bid_id, reader_id, reader_role, purpose, read_at FROM bid_reads')).rows.map((r) => ({
      id: r.id,
      bidId: r.bid_id,
      readerId: r.reader_id,
      role: r.reader_role,
      purpose: r.purpose,
      at: r.read_at,
    }));

  /** Runs `reads` and asserts they added exactly the `expected` rows (known once the reads ran), stamped meanwhile. */
  async function expectRecorded(expected: Read[] | (() => Read[]), reads: () => Promise<void>): Promise<void> {
    const before = new Set((await recorded()).map((r) => r.id));
    const started = Date.now();
    await reads();
    const added = (await recorded()).filter((r) => !before.has(r.id));
    const wanted = typeof expected === 'function' ? expected() : expected;
    expect(added.map(key).sort()).toEqual(wanted.map(key).sort());
    for (const r of added) expect(r.at.getTime()).toBeGreaterThanOrEqual(started - 1000);
  }

  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    [lead, otherLead, admin, author, otherSme] = await Promise.all([registerLead(stack), registerLead(stack), createAdmin(stack), registerSme(stack), registerSme(stack)]);
    reviewer = await approvedReviewer(stack, admin, ['伺服控制']);
    const created = await cs(lead).post('/api/v1/challenges', challengeBody(5_000, { review: { reviewersPerBid: 1, blind: true } }));
    challenge = (await cs(lead).post(`/api/v1/challenges/${created.body.id}/publish`)).body;
    expect(challenge.status).toBe('published');
    bid = (await bs(author).post('/api/v1/bids', bidBody(challenge))).body;
    otherBid = (await bs(otherSme).post('/api/v1/bids', bidBody(challenge, { summary: '另一份方案' }))).body;
    expect([bid.status, otherBid.status]).toEqual(['submitted', 'submitted']);
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await stack?.close();
  });

  it('before the deadline: the author reads freely, everyone else is refused, and nothing is recorded', async () => {
    await expectRecorded([], async () => {
      expect((await bs(author).get(`/api/v1/bids/${bid.id}`)).status).toBe(200);
      expect((await bs(author).get('/api/v1/bids')).status).toBe(200);
      expect((await bs(author).get(`/api/v1/bids/${bid.id}/assessment`)).status).toBe(200);
      for (const who of [lead, admin]) {
        expectProblem(await bs(who).get(`/api/v1/bids/${bid.id}`), 403, 'BIDS_SEALED');
        expectProblem(await bs(who).get(`/api/v1/bids?challengeId=${challenge.id}`), 403, 'BIDS_SEALED');
        expectProblem(await bs(who).get(`/api/v1/bids/${bid.id}/assessment`), 403, 'BIDS_SEALED');
      }
      for (const who of [otherLead, otherSme, reviewer]) expectProblem(await bs(who).get(`/api/v1/bids/${bid.id}`), 404, 'NOT_FOUND');
    });
  });

  it('after the deadline: one row per read of the owner lead (read, list, assessment), with the reader and purpose', async () => {
    await waitForStatus(stack, challenge.id, 'reviewing', 30_000);
    [assignment] = (await assignmentsOf(stack, reviewer, challenge.id)).filter((a) => a.bidId === bid.id);
    expect(assignment).toBeDefined();
    const as = (u: TestUser, bidId: string, purpose: string): Read => ({ bidId, readerId: u.id, role: u.role, purpose });
    await expectRecorded(
      [as(lead, bid.id, 'read'), as(lead, bid.id, 'read'), as(lead, bid.id, 'list'), as(lead, otherBid.id, 'list'), as(lead, bid.id, 'assessment')],
      async () => {
        expect((await bs(lead).get(`/api/v1/bids/${bid.id}`)).body.summary).toBe(bid.summary);
        expect((await bs(lead).get(`/api/v1/bids/${bid.id}`)).status).toBe(200); // every read, not the first only
        const list = await bs(lead).get(`/api/v1/bids?challengeId=${challenge.id}`);
        expect(list.body.items.map((b: Json) => b.id).sort()).toEqual([bid.id, otherBid.id].sort());
        expect((await bs(lead).get(`/api/v1/bids/${bid.id}/assessment`)).status).toBe(200);
      },
    );
  });

  it('a list read page by page records the bids of each page', async () => {
    const listed = (bidId: string): Read => ({ bidId, readerId: lead.id, role: 'lead', purpose: 'list' });
    let first: Json;
    await expectRecorded(
      () => [listed(first.body.items[0].id)],
      async () => {
        first = await bs(lead).get(`/api/v1/bids?challengeId=${challenge.id}&limit=1`);
        expect(first.body.items).toHaveLength(1);
      },
    );
    const other = first!.body.items[0].id === bid.id ? otherBid.id : bid.id;
    await expectRecorded([listed(other)], async () => {
      const second = await bs(lead).get(`/api/v1/bids?challengeId=${challenge.id}&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
      expect(second.body.items.map((b: Json) => b.id)).toEqual([other]);
    });
  });

  it('an admin reading the bid, the list and the assessment is recorded as admin', async () => {
    const as = (bidId: string, purpose: string): Read => ({ bidId, readerId: admin.id, role: 'admin', purpose });
    await expectRecorded([as(bid.id, 'read'), as(bid.id, 'list'), as(otherBid.id, 'list'), as(bid.id, 'assessment')], async () => {
      expect((await bs(admin).get(`/api/v1/bids/${bid.id}`)).status).toBe(200);
      expect((await bs(admin).get(`/api/v1/bids?challengeId=${challenge.id}`)).body.items).toHaveLength(2);
      expect((await bs(admin).get(`/api/v1/bids/${bid.id}/assessment`)).status).toBe(200);
    });
  });

  it("the assigned reviewer's blind view and an admin's view of the assignment are recorded as reviews", async () => {
    await expectRecorded(
      [
        { bidId: bid.id, readerId: reviewer.id, role: 'reviewer', purpose: 'review' },
        { bidId: bid.id, readerId: reviewer.id, role: 'reviewer', purpose: 'review' },
        { bidId: bid.id, readerId: admin.id, role: 'admin', purpose: 'review' },
      ],
      async () => {
        for (const who of [reviewer, reviewer, admin]) {
          const read = await cs(who).get(`/api/v1/reviews/assignments/${assignment.id}`);
          expect(read.status).toBe(200);
          expect(read.body.bid.summary).toBe(bid.summary);
        }
      },
    );
  });

  it('reads that show nothing are not recorded: other lead, other SME, reviewer on the bidding service, unknown ids', async () => {
    await expectRecorded([], async () => {
      for (const who of [otherLead, otherSme, reviewer]) {
        expectProblem(await bs(who).get(`/api/v1/bids/${bid.id}`), 404, 'NOT_FOUND');
        expectProblem(await bs(who).get(`/api/v1/bids/${bid.id}/assessment`), 404, 'NOT_FOUND');
      }
      expectProblem(await bs(otherLead).get(`/api/v1/bids?challengeId=${challenge.id}`), 404, 'NOT_FOUND');
      expect((await bs(otherSme).get(`/api/v1/bids?challengeId=${challenge.id}`)).body.items.map((b: Json) => b.id)).toEqual([otherBid.id]);
      expectProblem(await cs(otherSme).get(`/api/v1/reviews/assignments/${assignment.id}`), 403, 'FORBIDDEN');
      expectProblem(await bs(lead).get(`/api/v1/bids/${randomUUID()}`), 404, 'NOT_FOUND');
      expectProblem(await cs(reviewer).get(`/api/v1/reviews/assignments/${randomUUID()}`), 404, 'NOT_FOUND');
    });
  });

  it("the author's own reads are not recorded, after the deadline either", async () => {
    await expectRecorded([], async () => {
      expect((await bs(author).get(`/api/v1/bids/${bid.id}`)).status).toBe(200);
      expect((await bs(author).get(`/api/v1/bids?challengeId=${challenge.id}`)).body.items.map((b: Json) => b.id)).toEqual([bid.id]);
      expect((await bs(author).get(`/api/v1/bids/${bid.id}/assessment`)).status).toBe(200);
      expectProblem(await bs(author).get(`/api/v1/bids/${bid.id}/feedback`), 409, 'INVALID_STATE');
    });
    expect((await recorded()).map((r) => r.readerId)).not.toContain(author.id);
  });
});
