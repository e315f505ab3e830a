import { randomBytes } from 'node:crypto';
import { AdminAccounts } from '@jiebang/auth';
import { uniqueCreditCode } from './factories';
import { client, Json } from './http';
import type { Stack } from './stack';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  organizationId: string | null;
  creditCode?: string;
  role: string;
}

/** What registering needs of a stack: in-process (Stack) or child processes (the fault tests). */
export type Urls = Pick<Stack, 'challengeUrl'>;

const unique = () => randomBytes(5).toString('hex');

export { uniqueCreditCode };

async function register(stack: Urls, body: Json): Promise<TestUser> {
  const response = await client(stack.challengeUrl).post('/api/v1/auth/register', body);
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    id: response.body.user.id,
    email: body.email,
    password: body.password,
    token: response.body.accessToken,
    organizationId: response.body.user.organizationId,
    creditCode: body.organization?.creditCode,
    role: body.role,
  };
}

export function registerLead(stack: Urls, overrides: { name?: string; region?: string } = {}): Promise<TestUser> {
  const region = overrides.region ?? '350100';
  return register(stack, {
    email: `lead-${unique()}@example.com`,
    password: 'lead-password-1',
    name: '王经理',
    role: 'lead',
    organization: { name: overrides.name ?? `链主集团${unique()}`, creditCode: uniqueCreditCode(region), region, size: 'large' },
  });
}

export function registerSme(stack: Urls, overrides: { name?: string; region?: string; size?: string } = {}): Promise<TestUser> {
  const region = overrides.region ?? '350102';
  return register(stack, {
    email: `sme-${unique()}@example.com`,
    password: 'sme-password-1',
    name: '李工',
    role: 'sme',
    organization: { name: overrides.name ?? `专精特新科技${unique()}`, creditCode: uniqueCreditCode(region), region, size: overrides.size ?? 'small' },
  });
}

export function registerReviewer(stack: Urls, expertise: string[] = ['伺服控制', 'motor control'], affiliations: string[] = []): Promise<TestUser> {
  return register(stack, {
    email: `reviewer-${unique()}@example.com`,
    password: 'reviewer-password-1',
    name: '赵教授',
    role: 'reviewer',
    reviewer: { expertise, affiliations },
  });
}

/** Admins cannot register: create one the way the CLI does, then sign in. */
export async function createAdmin(stack: Stack): Promise<TestUser> {
  const email = `admin-${unique()}@example.com`;
  const password = 'admin-password-1';
  await stack.challengeApp.get(AdminAccounts).ensure({ email, password, name: 'Admin' });
  return signIn(stack, email, password);
}

/** Signs an existing account in (e.g. the admin a stack seeds from ADMIN_EMAIL / ADMIN_PASSWORD). */
export async function signIn(stack: Urls, email: string, password: string): Promise<TestUser> {
  const response = await client(stack.challengeUrl).post('/api/v1/auth/login', { email, password });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status}`);
  const { user } = response.body;
  return { id: user.id, email, password, token: response.body.accessToken, organizationId: user.organizationId ?? null, role: user.role };
}

/** A challenge body with KPIs (one mandatory), eligibility in Fujian (35) and a deadline `deadlineInMs` from now. */
export function challengeBody(deadlineInMs: number, overrides: Json = {}): Json {
  return {
    title: '高精度伺服电机控制器',
    description: '研制定位精度优于0.01毫米的伺服电机控制器,支持EtherCAT总线。 High-precision servo motor controller.',
    industry: 'C38',
    tags: ['伺服', 'motion-control'],
    kpis: [
      { name: '定位精度', target: '≤0.01', unit: 'mm', mandatory: true },
      { name: '响应时间', target: '≤1', unit: 'ms', mandatory: false },
    ],
    rewardYuan: 2_000_000,
    eligibility: { regions: ['35'] },
    bidDeadline: new Date(Date.now() + deadlineInMs).toISOString(),
    ...overrides,
  };
}

/** Creates a challenge as `lead` (deadline `deadlineInMs` from now) and publishes it; returns it as published. */
export async function publishChallenge(stack: Urls, lead: TestUser, deadlineInMs: number, overrides: Json = {}): Promise<Json> {
  const api = client(stack.challengeUrl, lead.token);
  const created = await api.post('/api/v1/challenges', challengeBody(deadlineInMs, overrides));
  if (created.status !== 201) throw new Error(`create challenge failed: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await api.post(`/api/v1/challenges/${created.body.id}/publish`);
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/** A valid bid for a challenge read from the API (answers every mandatory KPI; payments sum to 100). */
export function bidBody(challenge: Json, overrides: Json = {}): Json {
  return {
    challengeId: challenge.id,
    summary: '基于自研FOC算法的伺服控制方案',
    technicalApproach: '采用双闭环控制与高分辨率编码器,结合EtherCAT实时通信。',
    priceYuan: 1_800_000,
    durationDays: 180,
    kpiResponses: challenge.kpis.filter((k: Json) => k.mandatory).map((k: Json) => ({ kpiId: k.id, commitment: `${k.name} ${k.target}` })),
    milestones: [
      { title: '样机', dueDay: 90, paymentPercent: 40 },
      { title: '验收', dueDay: 180, paymentPercent: 60 },
    ],
    team: [{ name: '陈博士', role: '技术负责人' }],
    ...overrides,
  };
}
