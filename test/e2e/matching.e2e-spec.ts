import { bidBody, challengeBody, createAdmin, registerLead, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json, request } from '../support/http';
import { startStack, Stack } from '../support/stack';

/** Matching through the worker: publish → matches and recommendations; profile change → update; bid → assessment. */
describe('matching (large)', () => {
  let stack: Stack;
  let lead: TestUser, servo: TestUser, unrelated: TestUser, far: TestUser, admin: TestUser;
  let challenge: Json;

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);

  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    [lead, servo, unrelated, far, admin] = await Promise.all([
      registerLead(stack),
      registerSme(stack, { name: '精工伺服科技', region: '350102' }),
      registerSme(stack, { name: '绿源食品加工', region: '350102' }),
      registerSme(stack, { name: '北方伺服驱动', region: '110105' }),
      createAdmin(stack),
    ]);
    await bs(servo).put('/api/v1/enterprise-profile', {
      description: '专注伺服驱动器与运动控制系统研发',
      capabilities: ['伺服驱动', '运动控制'],
      industries: ['C38'],
      pastProjects: [{ title: '伺服电机控制系统', description: '为数控机床研制高精度伺服电机控制系统', year: 2024, client: '福建机床集团' }],
    });
    await bs(unrelated).put('/api/v1/enterprise-profile', {
      description: '食品加工与冷链物流',
      capabilities: ['食品加工', '冷链'],
      pastProjects: [{ title: '冷链仓储改造', description: '冷库建设', year: 2022 }],
    });
    await bs(far).put('/api/v1/enterprise-profile', {
      description: '伺服驱动与电机控制',
      capabilities: ['伺服驱动'],
      pastProjects: [{ title: '伺服电机控制器', description: '伺服控制器研发', year: 2023 }],
    });
    // A bulk-imported enterprise is matched too.
    await request('POST', `${stack.biddingUrl}/api/v1/admin/enterprises/import`, undefined, {
      token: admin.token,
      headers: { 'content-type': 'application/x-ndjson' },
      raw: `${JSON.stringify({ externalId: 'e2e:SERVO', name: 'Imported Servo Works', region: '350200', description: '伺服电机控制器与伺服驱动器制造', capabilities: ['伺服驱动', 'servo drives'] })}\n`,
    });
    const created = await cs(lead).post('/api/v1/challenges', challengeBody(120_000, { tags: ['伺服驱动', '运动控制'] }));
    challenge = (await cs(lead).post(`/api/v1/challenges/${created.body.id}/publish`)).body;
  });
  afterAll(() => stack?.close());

  it('stores matches with explanations, best first, the relevant SME above the unrelated one', async () => {
    const matches = await eventually(async () => {
      const r = await cs(lead).get(`/api/v1/challenges/${challenge.id}/matches`);
      return r.status === 200 && r.body.items.length >= 3 ? r.body.items : undefined;
    });
    const rankOf = (id: string | null) => matches.find((m: Json) => m.organizationId === id)?.rank ?? Infinity;
    expect(rankOf(servo.organizationId)).toBeLessThan(rankOf(unrelated.organizationId));
    const top = matches.find((m: Json) => m.organizationId === servo.organizationId);
    expect(top).toMatchObject({ organizationName: '精工伺服科技', eligible: true });
    expect(typeof top.explanation.summary).toBe('string');
    expect(top.explanation.matchedCapabilities).toEqual(expect.arrayContaining(['伺服驱动']));
    expect(top.explanation.bestProject?.title).toBe('伺服电机控制系统');
    expect(top.explanation.signals.length).toBeGreaterThan(0);
    const farMatch = matches.find((m: Json) => m.organizationId === far.organizationId);
    expect(farMatch.eligible).toBe(false);
    expect(matches.map((m: Json) => m.organizationName)).toContain('Imported Servo Works');
    expect((await cs(servo).get(`/api/v1/challenges/${challenge.id}/matches`)).status).toBe(403);
    expect((await cs(admin).get(`/api/v1/challenges/${challenge.id}/matches`)).status).toBe(200);
    const notes = await cs(servo).get('/api/v1/notifications');
    expect(notes.body.items.map((n: Json) => n.type)).toContain('challenge.matched');
    expect((await cs(far).get('/api/v1/notifications')).body.items.map((n: Json) => n.type)).not.toContain('challenge.matched');
  });

  it('recommends the open challenge to SMEs with reasons, and updates them when a profile changes', async () => {
    const forServo = await eventually(async () => {
      const r = await bs(servo).get('/api/v1/recommendations');
      return r.body.items?.length ? r.body.items : undefined;
    });
    expect(forServo[0]).toMatchObject({ challengeId: challenge.id, rank: 1, eligible: true, title: challenge.title });
    expect(typeof forServo[0].explanation.summary).toBe('string');
    const before = (await eventually(async () => {
      const r = await bs(unrelated).get('/api/v1/recommendations');
      return r.body.items?.length ? r.body.items : undefined;
    }))[0].score;
    await bs(unrelated).put('/api/v1/enterprise-profile', {
      description: '转型伺服驱动与运动控制',
      capabilities: ['伺服驱动', '运动控制'],
      pastProjects: [{ title: '伺服电机控制系统升级', description: '伺服电机控制', year: 2025 }],
    });
    const after = await eventually(async () => {
      const r = await bs(unrelated).get('/api/v1/recommendations');
      const score = r.body.items?.[0]?.score;
      return score !== undefined && score > before ? score : undefined;
    });
    expect(after).toBeGreaterThan(before);
  });

  it('assesses each bid revision and shows the assessment to its readers', async () => {
    const bid = await bs(servo).post('/api/v1/bids', bidBody(challenge, { priceYuan: 100_000 }));
    expect(bid.status).toBe(201);
    const assessment = await eventually(async () => {
      const r = await bs(servo).get(`/api/v1/bids/${bid.body.id}/assessment`);
      return r.body.status === 'done' ? r.body : undefined;
    });
    expect(assessment).toMatchObject({ revision: 1, eligible: true });
    expect(assessment.price.flag).toBe('abnormally-low');
    expect(typeof assessment.explanation.summary).toBe('string');
    expect(assessment.method).toMatch(/assess/);
    const amended = await bs(servo).patch(`/api/v1/bids/${bid.body.id}`, { version: 1, priceYuan: 1_900_000 });
    expect(amended.body.revision).toBe(2);
    const second = await eventually(async () => {
      const r = await bs(servo).get(`/api/v1/bids/${bid.body.id}/assessment`);
      return r.body.status === 'done' && r.body.revision === 2 ? r.body : undefined;
    });
    expect(second.price.flag).toBeNull();
    expect((await bs(lead).get(`/api/v1/bids/${bid.body.id}/assessment`)).body.code).toBe('BIDS_SEALED');
    expect((await bs(unrelated).get(`/api/v1/bids/${bid.body.id}/assessment`)).status).toBe(404);
    const recommendation = (await bs(servo).get('/api/v1/recommendations')).body.items.find((r: Json) => r.challengeId === challenge.id);
    expect(recommendation.bidId).toBe(bid.body.id);
  });
});
