import { Client } from 'pg';
import { createAdmin, bidBody, challengeBody, registerLead, registerReviewer, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { startStack, Stack } from '../support/stack';

/**
 * The walk of issue 2 over HTTP with the real worker: register → create → publish → profiles → eligibility →
 * Q&A → bids (idempotent retry, duplicate, ineligible, stale amend, withdraw and re-bid) → sealed reads by every
 * role → the deadline passes → closed by the worker → the lead reads bids → audit verifies.
 */
describe('sealed-bid flow (large)', () => {
  let stack: Stack;
  let lead: TestUser, otherLead: TestUser, sme: TestUser, otherSme: TestUser, farSme: TestUser, reviewer: TestUser, admin: TestUser;
  let challenge: Json;
  let firstBid: Json, liveBid: Json;
  const DEADLINE_MS = 12_000;

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);

  beforeAll(async () => {
    stack = await startStack();
    [lead, otherLead, sme, otherSme, farSme, reviewer, admin] = await Promise.all([
      registerLead(stack),
      registerLead(stack),
      registerSme(stack, { region: '350102' }),
      registerSme(stack, { region: '350203' }),
      registerSme(stack, { region: '110105' }),
      registerReviewer(stack),
      createAdmin(stack),
    ]);
  });
  afterAll(() => stack?.close());

  it('identifies users: me, login, duplicates and role rules', async () => {
    expect((await cs(lead).get('/api/v1/auth/me')).body.user).toMatchObject({ id: lead.id, role: 'lead', organizationId: lead.organizationId });
    const login = await cs().post('/api/v1/auth/login', { email: sme.email.toUpperCase(), password: sme.password });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(sme.id);
    expect((await cs().post('/api/v1/auth/login', { email: sme.email, password: 'wrong-password' })).body.code).toBe('INVALID_CREDENTIALS');
    const again = await cs().post('/api/v1/auth/register', {
      email: lead.email.toUpperCase(),
      password: 'another-password',
      name: 'x',
      role: 'lead',
      organization: { name: 'x', creditCode: '91350100M000100Y43', region: '350100', size: 'large' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMAIL_TAKEN');
    const sameOrg = await cs().post('/api/v1/auth/register', {
      email: `dup-${Date.now()}@example.com`,
      password: 'another-password',
      name: 'x',
      role: 'sme',
      organization: { name: 'x', creditCode: sme.creditCode, region: '350100', size: 'small' },
    });
    expect(sameOrg.status).toBe(409);
    expect(sameOrg.body.code).toBe('ORGANIZATION_EXISTS');
    const badCode = await cs().post('/api/v1/auth/register', {
      email: `bad-${Date.now()}@example.com`,
      password: 'another-password',
      name: 'x',
      role: 'sme',
      organization: { name: 'x', creditCode: '91350100M000100Y44', region: '350100', size: 'small' },
    });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].field).toBe('organization.creditCode');
    const admin = await cs().post('/api/v1/auth/register', { email: 'a@example.com', password: 'admin-password', name: 'x', role: 'admin' });
    expect(admin.status).toBe(400);
    expect((await cs(reviewer).get('/api/v1/auth/me')).body.user.role).toBe('reviewer');
  });

  it('creates a draft only the owner sees, edits it at its version, and publishes it', async () => {
    const created = await cs(lead).post('/api/v1/challenges', challengeBody(DEADLINE_MS));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, maxWinners: 1, shortlistSize: 3, passingScore: 60, bidCount: null });
    expect(created.body.review).toEqual({ reviewersPerBid: 3, blind: true });
    expect(created.body.scorecard.criteria.reduce((s: number, c: Json) => s + c.weight, 0)).toBe(100);
    const id = created.body.id;

    expect((await cs(otherLead).get(`/api/v1/challenges/${id}`)).status).toBe(404);
    expect((await cs().get(`/api/v1/challenges/${id}`)).status).toBe(404);
    expect((await cs(otherLead).patch(`/api/v1/challenges/${id}`, { version: 1, title: 'x' })).status).toBe(404);
    const mine = await cs(lead).get('/api/v1/challenges?mine=true');
    expect(mine.body.items.map((c: Json) => c.id)).toContain(id);
    expect((await cs().get('/api/v1/challenges')).body.items.map((c: Json) => c.id)).not.toContain(id);

    const kpis = created.body.kpis;
    const edited = await cs(lead).patch(`/api/v1/challenges/${id}`, {
      version: 1,
      description: created.body.description + ' 需提供EtherCAT主站测试报告。',
      kpis: [...kpis, { name: '过载能力', target: '300%', mandatory: false }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.kpis.slice(0, 2).map((k: Json) => k.id)).toEqual(kpis.map((k: Json) => k.id));
    const stale = await cs(lead).patch(`/api/v1/challenges/${id}`, { version: 1, title: 'stale' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const badWeights = await cs(lead).patch(`/api/v1/challenges/${id}`, {
      version: 2,
      scorecard: { criteria: [{ key: 'a', name: 'A', weight: 50, maxScore: 10 }, { key: 'b', name: 'B', weight: 40, maxScore: 10 }] },
    });
    expect(badWeights.status).toBe(422);
    expect(badWeights.body.code).toBe('RULE_VIOLATION');

    expect((await cs(otherLead).post(`/api/v1/challenges/${id}/publish`)).status).toBe(404);
    const published = await cs(lead).post(`/api/v1/challenges/${id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect((await cs(lead).patch(`/api/v1/challenges/${id}`, { version: published.body.version, title: 'x' })).body.code).toBe('INVALID_STATE');
    expect((await cs(otherLead).patch(`/api/v1/challenges/${id}`, { version: published.body.version, title: 'x' })).status).toBe(403);
    challenge = published.body;

    const found = await cs().get(`/api/v1/challenges?q=${encodeURIComponent('伺服电机')}`);
    expect(found.body.items.map((c: Json) => c.id)).toContain(id);
    const english = await cs().get('/api/v1/challenges?q=servo%20controllers');
    expect(english.body.items.map((c: Json) => c.id)).toContain(id);
    expect((await cs().get('/api/v1/challenges?q=%E8%88%AA%E7%A9%BA%E5%8F%91%E5%8A%A8%E6%9C%BA')).body.items.map((c: Json) => c.id)).not.toContain(id);
    expect((await cs().get('/api/v1/challenges?tag=motion-control&industry=C3')).body.items.map((c: Json) => c.id)).toContain(id);
  });

  it('keeps profiles, checks eligibility with reasons, and runs anonymous Q&A', async () => {
    const profile = await bs(sme).put('/api/v1/enterprise-profile', {
      description: '伺服驱动与运动控制',
      capabilities: ['伺服驱动', '运动控制'],
      certifications: ['specialized-sme'],
      pastProjects: [{ title: '伺服电机控制系统', description: '数控机床伺服', year: 2023 }],
    });
    expect(profile.status).toBe(200);
    expect(profile.body.capabilities).toEqual(['伺服驱动', '运动控制']);
    expect((await bs(sme).put('/api/v1/enterprise-profile', { name: 'renamed' })).status).toBe(400);
    expect((await bs(lead).get(`/api/v1/enterprise-profiles/${sme.organizationId}`)).body.pastProjects).toHaveLength(1);
    expect((await bs(otherSme).get('/api/v1/enterprise-profile')).body).toMatchObject({ capabilities: [], updatedAt: null });

    expect((await cs(sme).get(`/api/v1/challenges/${challenge.id}/eligibility`)).body).toEqual({ eligible: true, reasons: [] });
    const far = await cs(farSme).get(`/api/v1/challenges/${challenge.id}/eligibility`);
    expect(far.body.eligible).toBe(false);
    expect(far.body.reasons).toEqual([expect.objectContaining({ rule: 'region' })]);

    const asked = await cs(sme).post(`/api/v1/challenges/${challenge.id}/questions`, { text: '是否接受分期交付?' });
    expect(asked.status).toBe(201);
    expect((await cs(otherSme).get(`/api/v1/challenges/${challenge.id}/questions`)).body.items).toHaveLength(0);
    expect((await cs(sme).get(`/api/v1/challenges/${challenge.id}/questions`)).body.items[0]).toMatchObject({ mine: true, answer: null });
    const forLead = await cs(lead).get(`/api/v1/challenges/${challenge.id}/questions`);
    expect(forLead.body.items).toHaveLength(1);
    expect((await cs(otherLead).post(`/api/v1/challenges/${challenge.id}/questions/${asked.body.id}/answer`, { text: 'x' })).status).toBe(403);
    expect((await cs(lead).post(`/api/v1/challenges/${challenge.id}/questions/${asked.body.id}/answer`, { text: '接受,分两期。' })).status).toBe(200);
    const seen = await cs(otherSme).get(`/api/v1/challenges/${challenge.id}/questions`);
    expect(seen.body.items).toEqual([expect.objectContaining({ text: '是否接受分期交付?', answer: '接受,分两期。', mine: false })]);
    expect(JSON.stringify(seen.body)).not.toContain(sme.id);
    expect(JSON.stringify(seen.body)).not.toContain(sme.organizationId);
  });

  it('takes sealed bids: idempotent retry, duplicates, eligibility, KPI rules, amend, withdraw and re-bid', async () => {
    const body = bidBody(challenge);
    const headers = { 'idempotency-key': `bid-${Date.now()}` };
    const first = await bs(sme).post('/api/v1/bids', body, { headers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', revision: 1, version: 1 });
    const replay = await bs(sme).post('/api/v1/bids', body, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect((await bs(sme).post('/api/v1/bids', { ...body, priceYuan: 1 }, { headers })).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const duplicate = await bs(sme).post('/api/v1/bids', body);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('BID_EXISTS');
    const ineligible = await bs(farSme).post('/api/v1/bids', bidBody(challenge));
    expect(ineligible.status).toBe(422);
    expect(ineligible.body.code).toBe('NOT_ELIGIBLE');
    expect(ineligible.body.errors[0].field).toBe('region');
    const missingKpi = await bs(otherSme).post('/api/v1/bids', bidBody(challenge, { kpiResponses: [] }));
    expect(missingKpi.status).toBe(422);
    expect(missingKpi.body.code).toBe('RULE_VIOLATION');
    const badPayments = await bs(otherSme).post('/api/v1/bids', bidBody(challenge, { milestones: [{ title: 'a', dueDay: 10, paymentPercent: 50 }] }));
    expect(badPayments.body.code).toBe('RULE_VIOLATION');
    expect((await bs(otherSme).post('/api/v1/bids', { ...bidBody(challenge), status: 'awarded' })).status).toBe(400);
    expect((await bs(lead).post('/api/v1/bids', bidBody(challenge))).status).toBe(403);

    const amended = await bs(sme).patch(`/api/v1/bids/${first.body.id}`, { version: 1, priceYuan: 1_700_000 });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ revision: 2, version: 2, priceYuan: 1_700_000 });
    const stale = await bs(sme).patch(`/api/v1/bids/${first.body.id}`, { version: 1, priceYuan: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await bs(otherSme).patch(`/api/v1/bids/${first.body.id}`, { version: 2, priceYuan: 1 })).status).toBe(404);

    const withdrawn = await bs(sme).post(`/api/v1/bids/${first.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await bs(sme).post(`/api/v1/bids/${first.body.id}/withdraw`)).body.code).toBe('INVALID_STATE');
    firstBid = first.body;
    const again = await bs(sme).post('/api/v1/bids', bidBody(challenge, { priceYuan: 1_600_000 }));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
    liveBid = again.body;
    expect((await bs(otherSme).post('/api/v1/bids', bidBody(challenge))).status).toBe(201);
    const own = await bs(sme).get('/api/v1/bids');
    expect(own.body.items.map((b: Json) => b.id).sort()).toEqual([first.body.id, again.body.id].sort());
  });

  it('keeps bids sealed from everyone but their SME before the deadline', async () => {
    expect((await bs(sme).get(`/api/v1/bids/${liveBid.id}`)).status).toBe(200);
    for (const who of [lead, admin]) {
      const read = await bs(who).get(`/api/v1/bids/${liveBid.id}`);
      expect(read.status).toBe(403);
      expect(read.body.code).toBe('BIDS_SEALED');
      expect((await bs(who).get(`/api/v1/bids?challengeId=${challenge.id}`)).body.code).toBe('BIDS_SEALED');
    }
    for (const who of [otherSme, farSme, reviewer, otherLead]) {
      expect((await bs(who).get(`/api/v1/bids/${liveBid.id}`)).status).toBe(404);
    }
    expect((await bs(reviewer).get(`/api/v1/bids?challengeId=${challenge.id}`)).status).toBe(403);
    expect((await cs().get(`/api/v1/challenges/${challenge.id}`)).body.bidCount).toBeNull();
    const audit = await cs(lead).get(`/api/v1/challenges/${challenge.id}/audit`);
    const bidEvents = audit.body.items.filter((e: Json) => e.action.startsWith('bid.'));
    expect(bidEvents.length).toBeGreaterThanOrEqual(4);
    for (const e of bidEvents) {
      expect(e.actorId).toBeNull();
      expect(e.data).toBeNull();
      expect(e.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.stringify(audit.body)).not.toContain(sme.id);
    expect((await cs(otherLead).get(`/api/v1/challenges/${challenge.id}/audit`)).status).toBe(404);
  });

  it('closes at the deadline by the worker, then the lead reads the last revision of live bids only', async () => {
    const closed = await eventually(async () => {
      const c = await cs().get(`/api/v1/challenges/${challenge.id}`);
      return c.body.status === 'closed' ? c.body : undefined;
    }, DEADLINE_MS + 15_000);
    expect(closed.bidCount).toBe(2);
    expect(new Date(closed.closedAt).getTime()).toBeGreaterThanOrEqual(new Date(challenge.bidDeadline).getTime());

    const late = await bs(farSme).post('/api/v1/bids', bidBody(challenge));
    expect(late.body.code).toBe('BIDDING_CLOSED');
    expect((await bs(sme).patch(`/api/v1/bids/${liveBid.id}`, { version: 1, priceYuan: 1 })).body.code).toBe('BIDDING_CLOSED');

    const list = await bs(lead).get(`/api/v1/bids?challengeId=${challenge.id}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((b: Json) => b.id)).toContain(liveBid.id);
    expect(list.body.items.map((b: Json) => b.id)).not.toContain(firstBid.id);
    expect((await bs(lead).get(`/api/v1/bids/${firstBid.id}`)).status).toBe(404);
    const read = await bs(lead).get(`/api/v1/bids/${liveBid.id}`);
    expect(read.status).toBe(200);
    expect(read.body.priceYuan).toBe(1_600_000);
    expect((await bs(admin).get(`/api/v1/bids/${liveBid.id}`)).status).toBe(200);
    expect((await bs(otherLead).get(`/api/v1/bids/${liveBid.id}`)).status).toBe(404);

    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const reads = await db.query('SELECT reader_id FROM bid_reads WHERE bid_id = $1', [liveBid.id]);
      expect(reads.rows.map((r) => r.reader_id)).toEqual(expect.arrayContaining([lead.id, admin.id]));
      expect(reads.rows.map((r) => r.reader_id)).not.toContain(sme.id);
    } finally {
      await db.end();
    }

    for (const who of [lead, sme]) {
      const notes = await cs(who).get('/api/v1/notifications');
      expect(notes.body.items.map((n: Json) => n.type)).toContain('challenge.closed');
    }
  });

  it('shows bid events after opening and verifies the audit chain', async () => {
    const audit = await cs(lead).get(`/api/v1/challenges/${challenge.id}/audit`);
    const actions = audit.body.items.map((e: Json) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['challenge.created', 'challenge.published', 'bid.submitted', 'bid.amended', 'bid.withdrawn', 'challenge.closed']));
    expect(audit.body.items[0].prevHash).toBe('0'.repeat(64));
    const submitted = audit.body.items.find((e: Json) => e.action === 'bid.submitted');
    expect(submitted.actorId).toBe(sme.id);
    const verify = await cs(farSme).get(`/api/v1/challenges/${challenge.id}/audit/verify`);
    expect(verify.body).toEqual({ valid: true, length: audit.body.items.length, head: audit.body.items.at(-1).hash, brokenAt: null });
  });
});
