import { randomUUID } from 'node:crypto';
import {
  Actor,
  Bid,
  BidContent,
  Challenge,
  ChallengeContent,
  EnterpriseProfileContent,
  EnterpriseSize,
  Kpi,
  makeCreditCode,
  Organization,
  OrganizationKind,
  Role,
  User,
} from '@jiebang/domain';

/**
 * Test data builders (ARCHITECTURE.md habit 11): every call returns a fresh object with valid defaults;
 * pass overrides for what the test is about. Nothing here is shared or mutated between tests.
 */

const DAY_MS = 86_400_000;

/** Milliseconds after `base` (default: now) as a Date. */
export function later(ms: number, base: Date = new Date()): Date {
  return new Date(base.getTime() + ms);
}

export function daysLater(days: number, base: Date = new Date()): Date {
  return later(days * DAY_MS, base);
}

// Unique within a test process; each medium test file has its own database, so this is enough for unique
// credit codes. The random start keeps codes apart from other generators using small sequence numbers.
let creditCodeSeq = 10_000_000 + Math.floor(Math.random() * 80_000_000);

/** A valid 统一社会信用代码, different on every call. */
export function uniqueCreditCode(region = '350100'): string {
  creditCodeSeq += 1;
  return makeCreditCode(creditCodeSeq, region);
}

/** Challenge content that passes every content rule; the deadline is 30 days after `now` unless overridden. */
export function challengeContent(overrides: Partial<ChallengeContent> = {}, now: Date = new Date()): ChallengeContent {
  return {
    title: '高精度伺服电机控制器 High-precision servo controller',
    description: '为数控机床开发高精度伺服驱动与控制算法。Develop a servo drive for CNC machine tools.',
    industry: 'C3411',
    tags: ['伺服', 'motion-control'],
    kpis: [
      { name: '定位精度 Positioning accuracy', target: '±0.01', unit: 'mm', mandatory: true },
      { name: '响应时间 Response time', target: '<2', unit: 'ms', mandatory: true },
      { name: '功耗 Power draw', target: '<50', unit: 'W', mandatory: false },
    ],
    rewardYuan: 2_000_000,
    eligibility: {},
    bidDeadline: daysLater(30, now),
    maxWinners: 1,
    shortlistSize: 3,
    passingScore: 60,
    scorecard: {
      criteria: [
        { key: 'technical', name: '技术方案', weight: 50, maxScore: 10 },
        { key: 'team', name: '团队能力', weight: 30, maxScore: 10 },
        { key: 'price', name: '报价', weight: 20, maxScore: 10 },
      ],
    },
    reviewersPerBid: 3,
    blindReview: true,
    ...overrides,
  };
}

export interface ChallengeOwner {
  organizationId: string;
  organizationName: string;
  userId: string;
}

export function challengeOwner(overrides: Partial<ChallengeOwner> = {}): ChallengeOwner {
  return { organizationId: randomUUID(), organizationName: '链主装备集团', userId: randomUUID(), ...overrides };
}

/** A draft created at `now` (default: now) with valid content. */
export function draftChallenge(
  options: { owner?: ChallengeOwner; content?: Partial<ChallengeContent>; now?: Date } = {},
): Challenge {
  const now = options.now ?? new Date();
  return Challenge.draft(challengeContent(options.content, now), options.owner ?? challengeOwner(), now);
}

/** A challenge drafted and published at `now` (default: now). */
export function publishedChallenge(
  options: { owner?: ChallengeOwner; content?: Partial<ChallengeContent>; now?: Date } = {},
): Challenge {
  const now = options.now ?? new Date();
  const challenge = draftChallenge({ ...options, now });
  challenge.publish(now, 0);
  return challenge;
}

/** Bid content answering every given KPI, with milestone payments summing to 100 within durationDays. */
export function bidContent(kpis: Array<Pick<Kpi, 'id'>>, overrides: Partial<BidContent> = {}): BidContent {
  return {
    summary: '基于自研FOC算法的伺服控制方案',
    technicalApproach: 'Field-oriented control on a dual-core MCU with an absolute encoder.',
    priceYuan: 1_500_000,
    durationDays: 180,
    kpiResponses: kpis.map((k) => ({ kpiId: k.id, commitment: '满足指标 Meets the target' })),
    milestones: [
      { title: '样机 Prototype', dueDay: 90, paymentPercent: 40 },
      { title: '验收 Acceptance', dueDay: 180, paymentPercent: 60 },
    ],
    team: [{ name: '张工', role: '项目负责人 Lead engineer' }],
    ...overrides,
  };
}

/** A submitted bid on `challenge` (its KPIs answered) by `organizationId`. */
export function submittedBid(
  challenge: { id: string; kpis: Array<Pick<Kpi, 'id'>> },
  organizationId: string,
  options: { content?: Partial<BidContent>; userId?: string; now?: Date } = {},
): Bid {
  return Bid.submit(
    {
      challengeId: challenge.id,
      organizationId,
      userId: options.userId ?? randomUUID(),
      content: bidContent(challenge.kpis, options.content),
    },
    options.now ?? new Date(),
  );
}

export function organization(
  overrides: Partial<{ name: string; creditCode: string; region: string; size: EnterpriseSize; kind: OrganizationKind }> = {},
  now: Date = new Date(),
): Organization {
  return Organization.register(
    {
      name: '精工伺服科技有限公司',
      creditCode: overrides.creditCode ?? uniqueCreditCode(),
      region: '350100',
      size: 'small',
      kind: 'sme',
      ...overrides,
    },
    now,
  );
}

export function user(
  overrides: Partial<{ email: string; passwordHash: string; name: string; role: Role; organizationId: string | null }> = {},
  now: Date = new Date(),
): User {
  return User.create(
    {
      email: `user-${randomUUID()}@example.test`,
      passwordHash: 'not-a-real-hash',
      name: '测试用户',
      role: 'sme',
      organizationId: null,
      ...overrides,
    },
    now,
  );
}

export function actor(overrides: Partial<Actor> = {}): Actor {
  return { userId: randomUUID(), role: 'sme', organizationId: randomUUID(), ...overrides };
}

export function enterpriseProfileContent(overrides: Partial<EnterpriseProfileContent> = {}): EnterpriseProfileContent {
  return {
    description: '专注伺服驱动与运动控制的专精特新企业',
    capabilities: ['伺服', 'motion-control'],
    industries: ['C3411'],
    certifications: ['specialized-sme'],
    employeeCount: 120,
    patents: [{ title: '一种伺服电机控制方法', number: 'CN123456789A', year: 2021 }],
    pastProjects: [{ title: '机床伺服改造', description: 'Servo retrofit for CNC lathes', year: 2022, client: null }],
    ...overrides,
  };
}
