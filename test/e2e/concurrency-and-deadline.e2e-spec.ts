import { Client } from 'pg';
import { bidBody, challengeBody, publishChallenge, registerLead, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { startStack, Stack } from '../support/stack';

/** Races on one challenge, and the deadline while the worker is down (the reconciler's guarantee). */
describe('concurrency and the deadline (large)', () => {
  let stack: Stack;
  let lead: TestUser;
  let smes: TestUser[];
  let db: Client;

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);

  const publish = (deadlineInMs: number, overrides: Json = {}) => publishChallenge(stack, lead, deadlineInMs, overrides);

  beforeAll(async () => {
    stack = await startStack();
    lead = await registerLead(stack);
    smes = await Promise.all(Array.from({ length: 4 }, () => registerSme(stack)));
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.close();
  });

  it('twenty parallel bids by one SME give exactly one 201 and one stored bid', async () => {
    const challenge = await publish(60_000);
    const responses = await Promise.all(Array.from({ length: 20 }, () => bs(smes[0]).post('/api/v1/bids', bidBody(challenge))));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'BID_EXISTS')).toBe(true);
    const rows = await db.query('SELECT count(*)::int AS n FROM bids WHERE challenge_id = $1', [challenge.id]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('twenty parallel submissions with one Idempotency-Key create one bid and answer the same bid or IN_PROGRESS', async () => {
    const challenge = await publish(60_000);
    const headers = { 'idempotency-key': `race-${Date.now()}` };
    const responses = await Promise.all(Array.from({ length: 20 }, () => bs(smes[1]).post('/api/v1/bids', bidBody(challenge), { headers })));
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(responses.every((r) => r.status === 201 || r.body.code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    const rows = await db.query('SELECT count(*)::int AS n FROM bids WHERE challenge_id = $1', [challenge.id]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('two concurrent edits at the same version: one succeeds, one VERSION_CONFLICT', async () => {
    const draft = await cs(lead).post('/api/v1/challenges', challengeBody(60_000));
    const [a, b] = await Promise.all([
      cs(lead).patch(`/api/v1/challenges/${draft.body.id}`, { version: 1, title: 'A' }),
      cs(lead).patch(`/api/v1/challenges/${draft.body.id}`, { version: 1, title: 'B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.body.code).toBe('VERSION_CONFLICT');
  });

  it('addenda extend (never shorten) the deadline and notify bidders', async () => {
    const challenge = await publish(60_000);
    expect((await bs(smes[2]).post('/api/v1/bids', bidBody(challenge))).status).toBe(201);
    const earlier = await cs(lead).post(`/api/v1/challenges/${challenge.id}/addenda`, {
      text: '提前截止',
      bidDeadline: new Date(Date.now() + 30_000).toISOString(),
    });
    expect(earlier.status).toBe(422);
    expect(earlier.body.code).toBe('RULE_VIOLATION');
    const later = new Date(Date.now() + 120_000).toISOString();
    const added = await cs(lead).post(`/api/v1/challenges/${challenge.id}/addenda`, { text: '延期两分钟', bidDeadline: later });
    expect(added.status).toBe(201);
    expect(added.body.bidDeadline).toBe(later);
    expect(added.body.addenda).toEqual([expect.objectContaining({ text: '延期两分钟', bidDeadline: later })]);
    const notes = await cs(smes[2]).get('/api/v1/notifications');
    expect(notes.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'challenge.addendum', challengeId: challenge.id })]));
    expect((await cs(smes[3]).get('/api/v1/notifications')).body.items.map((n: Json) => n.type)).not.toContain('challenge.addendum');
    const read = await cs(smes[2]).post(`/api/v1/notifications/${notes.body.items[0].id}/read`);
    expect(read.body.readAt).not.toBeNull();
  });

  it('applies the deadline once the worker is back (reconciler), closing one challenge and failing an empty one', async () => {
    await stack.stopWorker();
    const withBid = await publish(2_500);
    const empty = await publish(2_500);
    expect((await bs(smes[3]).post('/api/v1/bids', bidBody(withBid))).status).toBe(201);
    await new Promise((r) => setTimeout(r, 3_000));
    // Past the deadline with no worker: nothing changed yet, and no bid is accepted any more.
    expect((await cs().get(`/api/v1/challenges/${withBid.id}`)).body.status).toBe('published');
    expect((await bs(smes[0]).post('/api/v1/bids', bidBody(withBid))).body.code).toBe('BIDDING_CLOSED');
    // Redis lost the delayed jobs too: only the reconciler can apply the transitions now.
    await db.query(`UPDATE outbox_messages SET sent_at = now() WHERE sent_at IS NULL`);
    const started = Date.now();
    await stack.startWorker();
    const statuses = await eventually(async () => {
      const [a, b] = await Promise.all([cs().get(`/api/v1/challenges/${withBid.id}`), cs().get(`/api/v1/challenges/${empty.id}`)]);
      return a.body.status !== 'published' && b.body.status !== 'published' ? [a.body.status, b.body.status] : undefined;
    }, 10_000);
    expect(statuses).toEqual(['closed', 'failed']);
    expect(Date.now() - started).toBeLessThan(10_000);
    const closes = await db.query(
      `SELECT challenge_id, count(*)::int AS n FROM audit_events WHERE action IN ('challenge.closed', 'challenge.failed') AND challenge_id = ANY($1) GROUP BY challenge_id`,
      [[withBid.id, empty.id]],
    );
    expect(closes.rows.map((r) => r.n)).toEqual([1, 1]);
    const leadNotes = await cs(lead).get('/api/v1/notifications?limit=100');
    expect(leadNotes.body.items.filter((n: Json) => n.type === 'challenge.closed' && n.challengeId === withBid.id)).toHaveLength(1);
  });

  it('lets the owner cancel before the deadline; the bids of a cancelled challenge stay sealed', async () => {
    const challenge = await publish(60_000);
    const bid = await bs(smes[0]).post('/api/v1/bids', bidBody(challenge));
    expect((await cs(smes[0]).post(`/api/v1/challenges/${challenge.id}/cancel`, { reason: 'x' })).status).toBe(403);
    const cancelled = await cs(lead).post(`/api/v1/challenges/${challenge.id}/cancel`, { reason: '需求变更' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await cs(lead).post(`/api/v1/challenges/${challenge.id}/cancel`, { reason: 'again' })).body.code).toBe('INVALID_STATE');
    expect((await bs(lead).get(`/api/v1/bids/${bid.body.id}`)).body.code).toBe('BIDS_SEALED');
    expect((await cs().get(`/api/v1/challenges/${challenge.id}`)).body.bidCount).toBeNull();
  });
});
