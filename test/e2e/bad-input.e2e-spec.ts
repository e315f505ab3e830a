import { createHmac, randomUUID } from 'node:crypto';
import type { ErrorCode } from '@jiebang/domain';
import { bidBody, challengeBody, createAdmin, registerLead, registerSme, TestUser, uniqueCreditCode } from '../support/actors';
import { ApiResponse, client, Json, request } from '../support/http';
import { expectNoServerError, expectProblem } from '../support/matrix';
import { startStack, Stack } from '../support/stack';

/**
 * Hostile and malformed input gets the documented 4xx problem (API.md "Conventions", QUALITY.md "Security"),
 * never a 500, and the services keep answering afterwards.
 */

const MiB = 1024 * 1024;

/** 400 VALIDATION_FAILED naming `field` (exactly, or as the parent of a nested field) in `errors`. */
function expectInvalid(response: ApiResponse<Json>, field?: string): void {
  expectProblem(response, 400, 'VALIDATION_FAILED');
  if (field === undefined) return;
  const fields: string[] = (response.body.errors ?? []).map((e: Json) => e.field);
  if (!fields.some((f) => f === field || f.startsWith(`${field}.`))) {
    throw new Error(`expected errors[].field to name "${field}", got ${JSON.stringify(response.body.errors)}`);
  }
}

const b64url = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT built by hand: `alg` picks the HMAC (HS256/HS384/HS512) or none. */
function jwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string): string {
  const data = `${b64url(header)}.${b64url(payload)}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[String(header.alg)];
  if (!hash) return `${data}.`;
  return `${data}.${createHmac(hash, secret).update(data).digest('base64url')}`;
}

describe('bad and hostile input (large)', () => {
  let stack: Stack;
  let lead: TestUser, sme: TestUser, admin: TestUser;
  let draft: Json, open: Json, bid: Json;

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);
  const registerBody = (overrides: Json = {}, organization: Json = {}): Json => ({
    email: `bad-${randomUUID()}@example.com`,
    password: 'sme-password-1',
    name: '李工',
    role: 'sme',
    organization: { name: `坏输入科技${randomUUID().slice(0, 8)}`, creditCode: uniqueCreditCode('350102'), region: '350102', size: 'small', ...organization },
    ...overrides,
  });
  /** The services still answer normally. */
  const stillServing = async () => {
    expect((await cs().get('/health')).status).toBe(200);
    expect((await bs().get('/health')).status).toBe(200);
    expect((await cs(lead).get('/api/v1/auth/me')).status).toBe(200);
    expect((await bs(sme).get('/api/v1/enterprise-profile')).status).toBe(200);
  };

  beforeAll(async () => {
    stack = await startStack();
    [lead, sme, admin] = await Promise.all([registerLead(stack), registerSme(stack, { region: '350102' }), createAdmin(stack)]);
    draft = (await cs(lead).post('/api/v1/challenges', challengeBody(3_600_000))).body;
    const created = (await cs(lead).post('/api/v1/challenges', challengeBody(3_600_000))).body;
    open = (await cs(lead).post(`/api/v1/challenges/${created.id}/publish`)).body;
    expect(open.status).toBe('published');
    bid = (await bs(sme).post('/api/v1/bids', bidBody(open))).body;
    expect(bid.status).toBe('submitted');
  });
  afterAll(() => stack?.close());

  describe('malformed JSON → 400 VALIDATION_FAILED', () => {
    const bodies: Array<[string, string]> = [
      ['truncated object', '{"title": "x", '],
      ['single quotes', "{'title': 'x'}"],
      ['trailing comma', '{"title": "x",}'],
      ['bare word', 'hello'],
      ['empty body with a JSON content type', ''],
      ['NaN literal', '{"rewardYuan": NaN}'],
    ];
    it.each(bodies)('POST /api/v1/challenges with %s', async (_name, raw) => {
      expectInvalid(await cs(lead).post('/api/v1/challenges', undefined, { raw }));
    });
    it.each(bodies)('POST /api/v1/auth/register (public) with %s', async (_name, raw) => {
      expectInvalid(await cs().post('/api/v1/auth/register', undefined, { raw }));
    });
    it('POST /api/v1/bids and PUT /api/v1/enterprise-profile with a truncated body', async () => {
      expectInvalid(await bs(sme).post('/api/v1/bids', undefined, { raw: '{"challengeId":' }));
      expectInvalid(await bs(sme).put('/api/v1/enterprise-profile', undefined, { raw: '{"capabilities":[' }));
    });
    it.each([
      ['a JSON array', '[]'],
      ['a JSON string', '"title"'],
      ['a JSON number', '42'],
      ['JSON null', 'null'],
    ])('a body that is %s instead of an object', async (_name, raw) => {
      expectInvalid(await cs(lead).post('/api/v1/challenges', undefined, { raw }));
      expectInvalid(await cs().post('/api/v1/auth/register', undefined, { raw }));
      expectInvalid(await bs(sme).post('/api/v1/bids', undefined, { raw }));
      expectInvalid(await bs(sme).put('/api/v1/enterprise-profile', undefined, { raw }));
    });
    it('a prototype-pollution payload (__proto__, constructor.prototype) is refused', async () => {
      const payload = JSON.stringify(challengeBody(3_600_000)).replace(/^\{/, '{"__proto__":{"status":"published","isAdmin":true},');
      expectInvalid(await cs(lead).post('/api/v1/challenges', undefined, { raw: payload }));
      const ctor = JSON.stringify(challengeBody(3_600_000)).replace(/^\{/, '{"constructor":{"prototype":{"status":"published"}},');
      expectInvalid(await cs(lead).post('/api/v1/challenges', undefined, { raw: ctor }));
      // the apps run in this process: a polluted Object.prototype would show here
      expect(({} as Json).isAdmin).toBeUndefined();
    });
  });

  describe('body size', () => {
    it('a body over 1 MiB → 413 PAYLOAD_TOO_LARGE (signed-in and public routes)', async () => {
      const huge = challengeBody(3_600_000, { description: 'x'.repeat(MiB + 1024) });
      expectProblem(await cs(lead).post('/api/v1/challenges', huge), 413, 'PAYLOAD_TOO_LARGE');
      expectProblem(await cs().post('/api/v1/auth/register', registerBody({ name: 'x'.repeat(MiB + 10) })), 413, 'PAYLOAD_TOO_LARGE');
      expectProblem(await bs(sme).post('/api/v1/bids', bidBody(open, { technicalApproach: '方'.repeat(MiB / 2) })), 413, 'PAYLOAD_TOO_LARGE');
      await stillServing();
    });
    it('a body just under 1 MiB is parsed (and refused for its too-long field, not its size)', async () => {
      const body = challengeBody(3_600_000);
      body.description = 'x'.repeat(MiB - JSON.stringify(body).length - 100);
      const response = await cs(lead).post('/api/v1/challenges', body);
      expectInvalid(response, 'description');
    });
  });

  describe('unknown fields are refused (no mass assignment)', () => {
    const owned = ['status', 'organizationId', 'score'] as const;

    it.each(owned)('POST /api/v1/auth/register with "%s" → 400 and no account', async (field) => {
      const body = registerBody({ [field]: field === 'score' ? 100 : field === 'status' ? 'approved' : randomUUID() });
      expectInvalid(await cs().post('/api/v1/auth/register', body), field);
      expectProblem(await cs().post('/api/v1/auth/login', { email: body.email, password: body.password }), 401, 'INVALID_CREDENTIALS');
    });
    it('POST /api/v1/auth/register with a nested unknown field (organization.status, reviewer status) → 400', async () => {
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({}, { status: 'verified' })), 'organization.status');
      const reviewer = { email: `r-${randomUUID()}@example.com`, password: 'reviewer-password-1', name: '赵', role: 'reviewer', reviewer: { expertise: ['x'], affiliations: [], status: 'approved' } };
      expectInvalid(await cs().post('/api/v1/auth/register', reviewer), 'reviewer.status');
    });
    it.each(owned)('POST /api/v1/challenges with "%s" → 400 and nothing created', async (field) => {
      const before = (await cs(lead).get('/api/v1/challenges?mine=true&limit=100')).body.items.length;
      const value = field === 'status' ? 'published' : field === 'score' ? 99 : admin.id;
      expectInvalid(await cs(lead).post('/api/v1/challenges', { ...challengeBody(3_600_000), [field]: value }), field);
      expect((await cs(lead).get('/api/v1/challenges?mine=true&limit=100')).body.items.length).toBe(before);
    });
    it.each(owned)('PATCH /api/v1/challenges/:id with "%s" → 400 and the draft unchanged', async (field) => {
      const value = field === 'status' ? 'published' : field === 'score' ? 99 : randomUUID();
      expectInvalid(await cs(lead).patch(`/api/v1/challenges/${draft.id}`, { version: draft.version, title: '改', [field]: value }), field);
      const read = (await cs(lead).get(`/api/v1/challenges/${draft.id}`)).body;
      expect(read).toMatchObject({ status: 'draft', version: draft.version, title: draft.title, organizationId: lead.organizationId });
    });
    it('PATCH /api/v1/challenges/:id with server-owned fields (id, version bump, bidCount, publishedAt) → 400', async () => {
      for (const extra of [{ id: randomUUID() }, { bidCount: 5 }, { publishedAt: new Date().toISOString() }, { organizationName: 'x' }]) {
        expectInvalid(await cs(lead).patch(`/api/v1/challenges/${draft.id}`, { version: draft.version, ...extra }), Object.keys(extra)[0]);
      }
    });
    it.each(owned)('POST /api/v1/bids with "%s" → 400 and no bid', async (field) => {
      const other = await registerSme(stack, { region: '350102' });
      const value = field === 'status' ? 'awarded' : field === 'score' ? 100 : sme.organizationId;
      expectInvalid(await bs(other).post('/api/v1/bids', { ...bidBody(open), [field]: value }), field);
      expect((await bs(other).get('/api/v1/bids')).body.items).toEqual([]);
    });
    it('PATCH /api/v1/bids/:id with "status" or "revision" → 400', async () => {
      expectInvalid(await bs(sme).patch(`/api/v1/bids/${bid.id}`, { version: bid.version, status: 'awarded' }), 'status');
      expectInvalid(await bs(sme).patch(`/api/v1/bids/${bid.id}`, { version: bid.version, revision: 9 }), 'revision');
      expect((await bs(sme).get(`/api/v1/bids/${bid.id}`)).body).toMatchObject({ status: 'submitted', revision: 1 });
    });
    it.each(owned)('PUT /api/v1/enterprise-profile with "%s" → 400 and the profile unchanged', async (field) => {
      const value = field === 'status' ? 'verified' : field === 'score' ? 100 : randomUUID();
      expectInvalid(await bs(sme).put('/api/v1/enterprise-profile', { description: '改', [field]: value }), field);
      const read = (await bs(sme).get('/api/v1/enterprise-profile')).body;
      expect(read.organizationId).toBe(sme.organizationId);
      expect(read.description).not.toBe('改');
    });
    it('PUT /api/v1/enterprise-profile with name/region/size (owned by the organization) → 400', async () => {
      for (const extra of [{ name: '改名' }, { region: '110105' }, { size: 'large' }]) {
        expectInvalid(await bs(sme).put('/api/v1/enterprise-profile', extra), Object.keys(extra)[0]);
      }
    });
  });

  describe('path ids must be UUIDs → 400', () => {
    const bad = ['123', 'not-a-uuid', `${randomUUID()}x`, "1' OR '1'='1", '..%2F..%2Fetc'];
    const cases: Array<[string, (id: string) => Promise<ApiResponse<Json>>]> = [
      ['GET /api/v1/challenges/:id (anonymous)', (id) => cs().get(`/api/v1/challenges/${id}`)],
      ['PATCH /api/v1/challenges/:id', (id) => cs(lead).patch(`/api/v1/challenges/${id}`, { version: 1, title: 'x' })],
      ['POST /api/v1/challenges/:id/publish', (id) => cs(lead).post(`/api/v1/challenges/${id}/publish`)],
      ['POST /api/v1/challenges/:id/addenda', (id) => cs(lead).post(`/api/v1/challenges/${id}/addenda`, { text: 'x' })],
      ['POST /api/v1/challenges/:id/cancel', (id) => cs(lead).post(`/api/v1/challenges/${id}/cancel`, { reason: 'x' })],
      ['POST /api/v1/challenges/:id/questions', (id) => cs(sme).post(`/api/v1/challenges/${id}/questions`, { text: 'x' })],
      ['GET /api/v1/challenges/:id/questions', (id) => cs(sme).get(`/api/v1/challenges/${id}/questions`)],
      ['POST /api/v1/challenges/:id/questions/:qid/answer (bad qid)', (id) => cs(lead).post(`/api/v1/challenges/${open.id}/questions/${id}/answer`, { text: 'x' })],
      ['GET /api/v1/challenges/:id/eligibility', (id) => cs(sme).get(`/api/v1/challenges/${id}/eligibility`)],
      ['GET /api/v1/challenges/:id/audit', (id) => cs(lead).get(`/api/v1/challenges/${id}/audit`)],
      ['GET /api/v1/challenges/:id/audit/verify', (id) => cs(lead).get(`/api/v1/challenges/${id}/audit/verify`)],
      ['POST /api/v1/notifications/:id/read', (id) => cs(sme).post(`/api/v1/notifications/${id}/read`)],
      ['GET /api/v1/enterprise-profiles/:organizationId', (id) => bs(lead).get(`/api/v1/enterprise-profiles/${id}`)],
      ['GET /api/v1/bids/:id', (id) => bs(sme).get(`/api/v1/bids/${id}`)],
      ['PATCH /api/v1/bids/:id', (id) => bs(sme).patch(`/api/v1/bids/${id}`, { version: 1, priceYuan: 1 })],
      ['POST /api/v1/bids/:id/withdraw', (id) => bs(sme).post(`/api/v1/bids/${id}/withdraw`)],
    ];
    it.each(cases)('%s', async (_name, call) => {
      for (const id of bad) {
        const response = await call(encodeURIComponent(id).replace(/%25/g, '%'));
        expectInvalid(response);
        expect(response.body.errors?.length ?? 0).toBeGreaterThan(0);
      }
    });
    it('a non-UUID challengeId in a query or body → 400 naming it', async () => {
      expectInvalid(await bs(lead).get('/api/v1/bids?challengeId=abc'), 'challengeId');
      expectInvalid(await bs(sme).post('/api/v1/bids', { ...bidBody(open), challengeId: 'abc' }), 'challengeId');
    });
  });

  describe('paging parameters', () => {
    const lists: Array<[string, (query: string) => Promise<ApiResponse<Json>>]> = [
      ['GET /api/v1/challenges', (q) => cs().get(`/api/v1/challenges?${q}`)],
      ['GET /api/v1/challenges?mine=true', (q) => cs(lead).get(`/api/v1/challenges?mine=true&${q}`)],
      ['GET /api/v1/notifications', (q) => cs(sme).get(`/api/v1/notifications?${q}`)],
      ['GET /api/v1/bids', (q) => bs(sme).get(`/api/v1/bids?${q}`)],
      ['GET /api/v1/bids?challengeId (lead, opened or not)', (q) => bs(lead).get(`/api/v1/bids?challengeId=${open.id}&${q}`)],
      ['GET /api/v1/recommendations', (q) => bs(sme).get(`/api/v1/recommendations?${q}`)],
      ['GET /api/v1/reviews/assignments', (q) => cs(admin).get(`/api/v1/reviews/assignments?${q}`)],
      ['GET /api/v1/reviewers', (q) => cs(admin).get(`/api/v1/reviewers?${q}`)],
      ['GET /api/v1/objections', (q) => cs(admin).get(`/api/v1/objections?${q}`)],
      ['GET /api/v1/challenges/:id/questions', (q) => cs(sme).get(`/api/v1/challenges/${open.id}/questions?${q}`)],
    ];
    it.each(lists)('%s: limit=0, 101, 1000000, -1, 1.5, 1e2, abc, empty → 400 naming limit', async (_name, list) => {
      for (const limit of ['0', '101', '1000000', '9'.repeat(30), '-1', '1.5', '1e2', '0x10', 'abc', '', '100abc', 'NaN', 'Infinity']) {
        expectInvalid(await list(`limit=${limit}`), 'limit');
      }
    });
    it.each(lists.filter(([name]) => !name.includes('challengeId')))('%s: limit=1 and limit=100 are accepted', async (_name, list) => {
      for (const limit of ['1', '100']) {
        const response = await list(`limit=${limit}`);
        expect(response.status).toBe(200);
        expect(Object.keys(response.body).sort()).toEqual(['items', 'nextCursor']);
        expect(response.body.nextCursor === null || typeof response.body.nextCursor === 'string').toBe(true);
        expect(response.body.items.length).toBeLessThanOrEqual(Number(limit));
      }
    });
    // (a lead's list of a sealed challenge answers 403 BIDS_SEALED before it reads the cursor)
    it.each(lists.filter(([name]) => !name.includes('challengeId')))('%s: a garbage cursor → 400 naming cursor', async (_name, list) => {
      const forged = [
        'garbage',
        '!!!!',
        Buffer.from('not-a-date|not-a-uuid').toString('base64url'),
        Buffer.from(`2024-01-01T00:00:00.000Z|${'x'.repeat(36)}`).toString('base64url'),
        Buffer.from("2024-01-01T00:00:00.000Z|' OR 1=1 --").toString('base64url'),
        'x'.repeat(5000),
      ];
      for (const cursor of forged) expectInvalid(await list(`cursor=${encodeURIComponent(cursor)}`), 'cursor');
    });
    it('a real nextCursor works (the garbage-cursor test is not refusing every cursor)', async () => {
      const first = await cs(lead).get('/api/v1/challenges?mine=true&limit=1');
      expect(first.status).toBe(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await cs(lead).get(`/api/v1/challenges?mine=true&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
      expect(second.status).toBe(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });
    it('other bad list parameters → 400 (status, industry, mine, q too long)', async () => {
      expectInvalid(await cs().get('/api/v1/challenges?status=bogus'), 'status');
      expectInvalid(await cs().get('/api/v1/challenges?industry=%25'), 'industry');
      expectInvalid(await cs(lead).get('/api/v1/challenges?mine=yes'), 'mine');
      expectInvalid(await cs().get(`/api/v1/challenges?q=${'搜'.repeat(201)}`), 'q');
      expectInvalid(await cs().get(`/api/v1/challenges?q=${encodeURIComponent('\u0000abc')}`), 'q');
      for (const q of ["' & | ! :* ( ) <-> \\ ;--", '%_%', '伺服 OR 1=1']) {
        const search = await cs().get(`/api/v1/challenges?q=${encodeURIComponent(q)}`);
        expectNoServerError(search);
        expect(search.status).toBe(200);
      }
    });
  });

  describe('very long strings → 400 naming the field', () => {
    const long = (n: number) => '长'.repeat(n);
    it.each([
      ['title (100k chars)', { title: long(100_000) }, 'title'],
      ['title (201 chars)', { title: long(201) }, 'title'],
      ['description (20,001 chars)', { description: 'x'.repeat(20_001) }, 'description'],
      ['a tag (51 chars)', { tags: ['x'.repeat(51)] }, 'tags'],
      ['a KPI name (201 chars)', { kpis: [{ name: 'x'.repeat(201), target: '1', mandatory: true }] }, 'kpis'],
      ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    ])('POST /api/v1/challenges: %s', async (_name, overrides, field) => {
      expectInvalid(await cs(lead).post('/api/v1/challenges', challengeBody(3_600_000, overrides)), field);
    });
    it('register: a 100k-char name, a 129-char password, a 300-char email', async () => {
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({ name: long(100_000) })), 'name');
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({ password: 'p'.repeat(129) })), 'password');
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({ password: 'short' })), 'password');
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({ email: `${'a'.repeat(300)}@example.com` })), 'email');
    });
    it('login: a 100k-char password is refused before hashing', async () => {
      const started = Date.now();
      expectInvalid(await cs().post('/api/v1/auth/login', { email: sme.email, password: 'p'.repeat(100_000) }), 'password');
      expect(Date.now() - started).toBeLessThan(2_000);
    });
    it('a 100k-char question, answer, addendum and cancel reason', async () => {
      expectInvalid(await cs(sme).post(`/api/v1/challenges/${open.id}/questions`, { text: long(100_000) }), 'text');
      expectInvalid(await cs(lead).post(`/api/v1/challenges/${open.id}/addenda`, { text: long(100_000) }), 'text');
      expectInvalid(await cs(lead).post(`/api/v1/challenges/${open.id}/cancel`, { reason: long(100_000) }), 'reason');
      expectInvalid(await cs(lead).post(`/api/v1/challenges/${open.id}/questions/${randomUUID()}/answer`, { text: long(100_000) }), 'text');
      expect((await cs().get(`/api/v1/challenges/${open.id}`)).body.status).toBe('published');
    });
    it('a bid with a 100k-char summary and a profile with a 100k-char capability', async () => {
      expectInvalid(await bs(sme).patch(`/api/v1/bids/${bid.id}`, { version: bid.version, summary: long(100_000) }), 'summary');
      expectInvalid(await bs(sme).put('/api/v1/enterprise-profile', { capabilities: [long(100_000)] }), 'capabilities');
    });
  });

  describe('deeply nested JSON', () => {
    const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    /** `body` as JSON with `raw` spliced in as the value of `field`. */
    const splice = (body: Json, field: string, raw: string) => JSON.stringify({ ...body, [field]: '@@RAW@@' }).replace('"@@RAW@@"', raw);
    const cases: Array<[string, () => Promise<ApiResponse<Json>>]> = [
      ['register: 5,000 levels as the whole body', () => cs().post('/api/v1/auth/register', undefined, { raw: deepObject(5_000) })],
      ['register: 5,000 levels in organization', () => cs().post('/api/v1/auth/register', undefined, { raw: splice(registerBody(), 'organization', deepObject(5_000)) })],
      ['create challenge: 5,000 nested arrays in eligibility', () => cs(lead).post('/api/v1/challenges', undefined, { raw: splice(challengeBody(3_600_000), 'eligibility', `{"regions":${deepArray(5_000)}}`) })],
      ['create challenge: 5,000 levels in an unknown field', () => cs(lead).post('/api/v1/challenges', undefined, { raw: splice(challengeBody(3_600_000), 'extra', deepObject(5_000)) })],
      ['create challenge: 5,000 levels in scorecard', () => cs(lead).post('/api/v1/challenges', undefined, { raw: splice(challengeBody(3_600_000), 'scorecard', deepObject(5_000)) })],
      ['patch challenge: 5,000 levels in kpis', () => cs(lead).patch(`/api/v1/challenges/${draft.id}`, undefined, { raw: splice({ version: draft.version }, 'kpis', `[${deepObject(5_000)}]`) })],
      ['submit bid: 5,000 nested arrays in kpiResponses', () => bs(sme).post('/api/v1/bids', undefined, { raw: splice(bidBody(open), 'kpiResponses', deepArray(5_000)) })],
      ['profile: 5,000 levels in patents', () => bs(sme).put('/api/v1/enterprise-profile', undefined, { raw: `{"patents":[${deepObject(5_000)}]}` })],
      ['login: 50,000 nested arrays', () => cs().post('/api/v1/auth/login', undefined, { raw: deepArray(50_000) })],
    ];
    it.each(cases)('%s → 400, never 500', async (_name, call) => {
      const response = await call();
      expectNoServerError(response);
      expectInvalid(response);
      await stillServing();
    });
  });

  describe('wrong types → 400 naming the field', () => {
    it.each([
      ['rewardYuan as a string', { rewardYuan: '2000000' }, 'rewardYuan'],
      ['rewardYuan as a float', { rewardYuan: 1.5 }, 'rewardYuan'],
      ['rewardYuan negative', { rewardYuan: -1 }, 'rewardYuan'],
      ['rewardYuan 1e300', { rewardYuan: 1e300 }, 'rewardYuan'],
      ['title as a number', { title: 42 }, 'title'],
      ['title as null', { title: null }, 'title'],
      ['eligibility as an array', { eligibility: [] }, 'eligibility'],
      ['eligibility.regions as a string', { eligibility: { regions: '35' } }, 'eligibility.regions'],
      ['kpis as an object', { kpis: { name: 'x' } }, 'kpis'],
      ['a KPI as a string', { kpis: ['x'] }, 'kpis'],
      ['tags as a string', { tags: 'x' }, 'tags'],
      ['bidDeadline not ISO 8601', { bidDeadline: 'tomorrow' }, 'bidDeadline'],
      ['bidDeadline as a number', { bidDeadline: Date.now() + 3_600_000 }, 'bidDeadline'],
      ['maxWinners 6', { maxWinners: 6 }, 'maxWinners'],
      ['passingScore 101', { passingScore: 101 }, 'passingScore'],
      ['review.reviewersPerBid 8', { review: { reviewersPerBid: 8 } }, 'review.reviewersPerBid'],
      ['review.blind as a string', { review: { blind: 'yes' } }, 'review.blind'],
      ['scorecard as an array', { scorecard: [] }, 'scorecard'],
      ['review as an array', { review: [] }, 'review'],
      ['industry not a GB/T 4754 code', { industry: 'ZZ9' }, 'industry'],
      ['an invalid region prefix in eligibility', { eligibility: { regions: ['99'] } }, 'eligibility.regions'],
    ])('POST /api/v1/challenges: %s', async (_name, overrides, field) => {
      expectInvalid(await cs(lead).post('/api/v1/challenges', challengeBody(3_600_000, overrides)), field);
    });
    it.each([
      ['priceYuan as a string', { priceYuan: '1' }, 'priceYuan'],
      ['durationDays 0', { durationDays: 0 }, 'durationDays'],
      ['milestones as an object', { milestones: { title: 'x' } }, 'milestones'],
      ['team as a string', { team: 'x' }, 'team'],
      ['a KPI response kpiId not a UUID', { kpiResponses: [{ kpiId: 'x', commitment: 'y' }] }, 'kpiResponses'],
    ])('POST /api/v1/bids: %s', async (_name, overrides, field) => {
      expectInvalid(await bs(sme).post('/api/v1/bids', bidBody(open, overrides)), field);
    });
    it.each([
      ['version as a string', { version: '1' }, 'version'],
      ['version missing', { priceYuan: 1 }, 'version'],
    ])('PATCH /api/v1/bids/:id: %s', async (_name, body, field) => {
      expectInvalid(await bs(sme).patch(`/api/v1/bids/${bid.id}`, body), field);
    });
    it('PATCH /api/v1/challenges/:id without a version, or with title as an array', async () => {
      expectInvalid(await cs(lead).patch(`/api/v1/challenges/${draft.id}`, { title: 'x' }), 'version');
      expectInvalid(await cs(lead).patch(`/api/v1/challenges/${draft.id}`, { version: draft.version, title: ['x'] }), 'title');
    });
    it('PUT /api/v1/enterprise-profile: capabilities as a string, employeeCount as a string, patents as an object', async () => {
      expectInvalid(await bs(sme).put('/api/v1/enterprise-profile', { capabilities: '伺服' }), 'capabilities');
      expectInvalid(await bs(sme).put('/api/v1/enterprise-profile', { employeeCount: '12' }), 'employeeCount');
      expectInvalid(await bs(sme).put('/api/v1/enterprise-profile', { patents: { title: 'x' } }), 'patents');
    });
    it('register: organization as a string, role admin, size huge, email not an email', async () => {
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({ organization: 'x' })), 'organization');
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({ organization: [] })), 'organization');
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({ role: 'admin' })), 'role');
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({}, { size: 'huge' })), 'organization.size');
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({ email: 'not-an-email' })), 'email');
    });
    it('login: email and password as numbers or objects', async () => {
      expectInvalid(await cs().post('/api/v1/auth/login', { email: 42, password: 'x' }), 'email');
      expectInvalid(await cs().post('/api/v1/auth/login', { email: sme.email, password: { $ne: null } }), 'password');
    });
    it('questions, addenda and cancel: text/reason as a number or missing', async () => {
      expectInvalid(await cs(sme).post(`/api/v1/challenges/${open.id}/questions`, { text: 1 }), 'text');
      expectInvalid(await cs(lead).post(`/api/v1/challenges/${open.id}/addenda`, {}), 'text');
      expectInvalid(await cs(lead).post(`/api/v1/challenges/${open.id}/addenda`, { text: 'x', bidDeadline: 'next week' }), 'bidDeadline');
      expectInvalid(await cs(lead).post(`/api/v1/challenges/${open.id}/cancel`, { reason: false }), 'reason');
    });
  });

  describe('identity codes', () => {
    it('a credit code with a wrong check character → 400 naming organization.creditCode', async () => {
      const valid = uniqueCreditCode('350102');
      const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
      const wrong = valid.slice(0, 17) + alphabet[(alphabet.indexOf(valid[17]) + 1) % alphabet.length];
      expectInvalid(await cs().post('/api/v1/auth/register', registerBody({}, { creditCode: wrong })), 'organization.creditCode');
      for (const bad of ['', '123', valid.toLowerCase().replace(/[0-9]/g, 'z'), `${valid}0`, valid.slice(0, 17) + 'I']) {
        expectInvalid(await cs().post('/api/v1/auth/register', registerBody({}, { creditCode: bad })), 'organization.creditCode');
      }
      // control: the same body with the valid code registers
      expect((await cs().post('/api/v1/auth/register', registerBody({}, { creditCode: valid }))).status).toBe(201);
    });
    it('an invalid region → 400 naming organization.region', async () => {
      for (const region of ['999999', '35010', '3501000', 'abcdef', '000000']) {
        expectInvalid(await cs().post('/api/v1/auth/register', registerBody({}, { region })), 'organization.region');
      }
    });
    it('a reviewer affiliation that is not a credit code → 400', async () => {
      const body = { email: `r-${randomUUID()}@example.com`, password: 'reviewer-password-1', name: '赵', role: 'reviewer', reviewer: { expertise: ['x'], affiliations: ['nope'] } };
      expectInvalid(await cs().post('/api/v1/auth/register', body), 'reviewer.affiliations');
    });
  });

  describe('business rules → 422 RULE_VIOLATION', () => {
    const expectRule = (response: ApiResponse<Json>) => {
      expectProblem(response, 422, 'RULE_VIOLATION');
      expect(response.body.errors?.length ?? 0).toBeGreaterThan(0);
    };
    it('scorecard weights not summing to 100 (create and patch)', async () => {
      const scorecard = { criteria: [{ key: 'a', name: 'A', weight: 50, maxScore: 10 }, { key: 'b', name: 'B', weight: 40, maxScore: 10 }] };
      expectRule(await cs(lead).post('/api/v1/challenges', challengeBody(3_600_000, { scorecard })));
      expectRule(await cs(lead).patch(`/api/v1/challenges/${draft.id}`, { version: draft.version, scorecard }));
      const over = { criteria: [{ key: 'a', name: 'A', weight: 60, maxScore: 10 }, { key: 'b', name: 'B', weight: 60, maxScore: 10 }] };
      expectRule(await cs(lead).post('/api/v1/challenges', challengeBody(3_600_000, { scorecard: over })));
    });
    it('bidDeadline in the past on create', async () => {
      expectRule(await cs(lead).post('/api/v1/challenges', challengeBody(-60_000)));
    });
    it('bidDeadline in the past on publish', async () => {
      const soon = await cs(lead).post('/api/v1/challenges', challengeBody(1_000));
      expect(soon.status).toBe(201);
      await new Promise((r) => setTimeout(r, 1_500));
      expectRule(await cs(lead).post(`/api/v1/challenges/${soon.body.id}/publish`));
      expect((await cs(lead).get(`/api/v1/challenges/${soon.body.id}`)).body.status).toBe('draft');
    });
    it('shortening (or not moving) the deadline by addendum', async () => {
      const earlier = new Date(new Date(open.bidDeadline).getTime() - 60_000).toISOString();
      expectRule(await cs(lead).post(`/api/v1/challenges/${open.id}/addenda`, { text: '提前截止', bidDeadline: earlier }));
      const past = new Date(Date.now() - 60_000).toISOString();
      expectRule(await cs(lead).post(`/api/v1/challenges/${open.id}/addenda`, { text: '提前截止', bidDeadline: past }));
      expect((await cs().get(`/api/v1/challenges/${open.id}`)).body.bidDeadline).toBe(open.bidDeadline);
    });
    it('shortlistSize below maxWinners', async () => {
      expectRule(await cs(lead).post('/api/v1/challenges', challengeBody(3_600_000, { maxWinners: 3, shortlistSize: 2 })));
    });
  });

  describe('JWT attacks on GET /api/v1/auth/me → 401 UNAUTHENTICATED', () => {
    const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => {
      const now = Math.floor(Date.now() / 1000);
      return { sub: lead.id, role: 'lead', org: lead.organizationId, iss: stack.config.jwt.issuer, aud: stack.config.jwt.audience, iat: now, exp: now + 600, ...overrides };
    };
    const hs256 = (payload: Record<string, unknown>, secret = stack.config.jwt.secret) => jwt({ alg: 'HS256', typ: 'JWT' }, payload, secret);
    const me = (authorization?: string) => request('GET', `${stack.challengeUrl}/api/v1/auth/me`, undefined, { headers: authorization === undefined ? {} : { authorization } });

    it('control: a hand-built HS256 token with the right secret, issuer and audience is accepted', async () => {
      const response = await me(`Bearer ${hs256(claims())}`);
      expect(response.status).toBe(200);
      expect(response.body.user.id).toBe(lead.id);
      expect((await bs().get('/api/v1/enterprise-profiles/' + sme.organizationId, { token: hs256(claims()) })).status).toBe(200);
    });

    const attacks: Array<[string, () => string | undefined]> = [
      ['no Authorization header', () => undefined],
      ['an empty bearer', () => 'Bearer '],
      ['a non-bearer scheme', () => `Basic ${Buffer.from(`${lead.email}:${lead.password}`).toString('base64')}`],
      ['garbage', () => 'Bearer not.a.jwt'],
      ['two tokens', () => `Bearer ${lead.token} ${lead.token}`],
      ['alg: none, no signature', () => `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, claims({ role: 'admin' }), '')}`],
      ['alg: none, with the real signature', () => `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, claims(), '')}${lead.token.split('.')[2]}`],
      ['alg: NoNe', () => `Bearer ${jwt({ alg: 'NoNe', typ: 'JWT' }, claims(), '')}`],
      [
        'a tampered payload (role → admin) with the original signature',
        () => {
          const [header, payload, signature] = lead.token.split('.');
          const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
          return `Bearer ${header}.${b64url({ ...decoded, role: 'admin' })}.${signature}`;
        },
      ],
      [
        'a tampered payload (sub → another user) with the original signature',
        () => {
          const [header, payload, signature] = lead.token.split('.');
          const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
          return `Bearer ${header}.${b64url({ ...decoded, sub: admin.id })}.${signature}`;
        },
      ],
      ['a truncated signature', () => `Bearer ${lead.token.slice(0, -4)}`],
      ['expired', () => `Bearer ${hs256(claims({ iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 }))}`],
      ['wrong issuer', () => `Bearer ${hs256(claims({ iss: 'evil' }))}`],
      ['no issuer', () => `Bearer ${hs256({ ...claims(), iss: undefined })}`],
      ['wrong audience', () => `Bearer ${hs256(claims({ aud: 'other-api' }))}`],
      ['no audience', () => `Bearer ${hs256({ ...claims(), aud: undefined })}`],
      ['signed with another secret', () => `Bearer ${hs256(claims(), 'another-secret-that-is-long-enough-0123456789')}`],
      ['signed with an empty secret', () => `Bearer ${hs256(claims(), '')}`],
      ['HS512 with the right secret (algorithm pinned to HS256)', () => `Bearer ${jwt({ alg: 'HS512', typ: 'JWT' }, claims(), stack.config.jwt.secret)}`],
      ['HS384 with the right secret', () => `Bearer ${jwt({ alg: 'HS384', typ: 'JWT' }, claims(), stack.config.jwt.secret)}`],
      ['a valid signature but role "superuser"', () => `Bearer ${hs256(claims({ role: 'superuser' }))}`],
      ['a valid signature but role "ADMIN"', () => `Bearer ${hs256(claims({ role: 'ADMIN' }))}`],
      ['a valid signature but no role', () => `Bearer ${hs256({ ...claims(), role: undefined })}`],
      ['a valid signature but role as an array', () => `Bearer ${hs256(claims({ role: ['admin'] }))}`],
      ['a valid signature but no sub', () => `Bearer ${hs256({ ...claims(), sub: undefined })}`],
      ['a valid signature but org as a number', () => `Bearer ${hs256(claims({ org: 7 }))}`],
      ['a valid signature for a user that does not exist', () => `Bearer ${hs256(claims({ sub: randomUUID() }))}`],
      ['not yet valid (nbf in an hour)', () => `Bearer ${hs256(claims({ nbf: Math.floor(Date.now() / 1000) + 3600 }))}`],
    ];
    it.each(attacks)('%s', async (_name, build) => {
      expectProblem(await me(build()), 401, 'UNAUTHENTICATED');
    });
    it('a forged token is refused on public routes and on the bidding service too', async () => {
      const forged = jwt({ alg: 'none', typ: 'JWT' }, claims({ role: 'admin' }), '');
      expectProblem(await cs().get('/api/v1/challenges', { token: forged }), 401, 'UNAUTHENTICATED');
      expectProblem(await bs().get('/api/v1/enterprise-profile', { token: hs256(claims({ role: 'sme', sub: sme.id, org: sme.organizationId }), 'x'.repeat(40)) }), 401, 'UNAUTHENTICATED');
      expectProblem(await bs().get(`/api/v1/bids/${bid.id}`, { token: hs256(claims({ role: 'superuser' })) }), 401, 'UNAUTHENTICATED');
    });
    it('a token with a forged role cannot escalate: a lead token re-signed as admin needs the secret', async () => {
      // with the secret (control) the claims are trusted as signed …
      const asAdmin = hs256(claims({ sub: admin.id, role: 'admin', org: null }));
      expect((await cs().get('/api/v1/auth/me', { token: asAdmin })).body.user.role).toBe('admin');
      // … without it they are not
      expectProblem(await cs().get('/api/v1/auth/me', { token: hs256(claims({ sub: admin.id, role: 'admin', org: null }), 'guess'.repeat(8)) }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('other hostile requests: 4xx problem, never 500', () => {
    const cases: Array<[string, () => Promise<ApiResponse<Json>>, number, ErrorCode]> = [
      ['a text/plain body', () => cs(lead).post('/api/v1/challenges', undefined, { raw: 'title=x', headers: { 'content-type': 'text/plain' } }), 400, 'VALIDATION_FAILED'],
      ['an unknown route', () => cs(lead).get('/api/v1/nope'), 404, 'NOT_FOUND'],
      ['an unknown method on a known path', () => request('DELETE', `${stack.challengeUrl}/api/v1/challenges/${open.id}`, undefined, { token: lead.token }), 404, 'NOT_FOUND'],
      ['a 10,000-char Idempotency-Key', () => bs(sme).post('/api/v1/bids', bidBody(open), { headers: { 'idempotency-key': 'k'.repeat(10_000) } }), 400, 'VALIDATION_FAILED'],
    ];
    it.each(cases)('%s', async (_name, call, status, code) => {
      expectProblem(await call(), status, code);
      await stillServing();
    });
  });

  describe('NUL bytes in strings (Postgres text cannot store them) → 400, never 500', () => {
    const cases: Array<[string, () => Promise<ApiResponse<Json>>, string]> = [
      ['register: name', () => cs().post('/api/v1/auth/register', registerBody({ name: '李\u0000工' })), 'name'],
      ['create challenge: title', () => cs(lead).post('/api/v1/challenges', challengeBody(3_600_000, { title: 'a\u0000b' })), 'title'],
      ['create challenge: a tag', () => cs(lead).post('/api/v1/challenges', challengeBody(3_600_000, { tags: ['\u0000'] })), 'tags'],
      ['ask a question: text', () => cs(sme).post(`/api/v1/challenges/${open.id}/questions`, { text: '问\u0000题' }), 'text'],
      ['put profile: description', () => bs(sme).put('/api/v1/enterprise-profile', { description: 'x\u0000' }), 'description'],
      ['amend bid: summary', () => bs(sme).patch(`/api/v1/bids/${bid.id}`, { version: bid.version, summary: 'x\u0000' }), 'summary'],
    ];
    it.each(cases)('%s', async (_name, call, field) => {
      expectInvalid(await call(), field);
    });
    it('login: an email with a NUL byte → 400 VALIDATION_FAILED or 401 INVALID_CREDENTIALS', async () => {
      const response = await cs().post('/api/v1/auth/login', { email: `${sme.email}\u0000`, password: sme.password });
      expectNoServerError(response);
      expect(['400 VALIDATION_FAILED', '401 INVALID_CREDENTIALS']).toContain(`${response.status} ${response.body.code}`);
      expectProblem(response, response.status, response.body.code);
    });
  });

  describe('required fields missing or null → 400 naming the field (never a default, never 500)', () => {
    it.each(['title', 'description', 'rewardYuan', 'bidDeadline'])('POST /api/v1/challenges without "%s", or with it null', async (field) => {
      const missing = challengeBody(3_600_000);
      delete missing[field];
      expectInvalid(await cs(lead).post('/api/v1/challenges', missing), field);
      expectInvalid(await cs(lead).post('/api/v1/challenges', { ...challengeBody(3_600_000), [field]: null }), field);
    });
    it('POST /api/v1/challenges with an empty object', async () => {
      expectInvalid(await cs(lead).post('/api/v1/challenges', {}), 'title');
    });
    it.each(['summary', 'technicalApproach', 'priceYuan', 'durationDays'])(
      'POST /api/v1/bids without "%s" → 400 and no bid',
      async (field) => {
        const other = await registerSme(stack, { region: '350102' });
        const body = bidBody(open);
        delete body[field];
        expectInvalid(await bs(other).post('/api/v1/bids', body), field);
        expect((await bs(other).get('/api/v1/bids')).body.items).toEqual([]);
      },
    );
  });
});
