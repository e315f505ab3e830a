/**
 * Accounts and challenges for the queue benchmark. SMEs (organization, user, capability profile from
 * bench/synthetic.ts) and the lead are written to the database directly with the domain's own factories, in bulk,
 * and their access tokens minted with the services' TokenService and JWT settings — no registration or login, so
 * no password is hashed at all (the user rows carry a placeholder hash nobody can sign in with) and the auth rate
 * limit is never involved. Challenges are created and published over HTTP, as a lead does.
 */
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { TokenService } from '@jiebang/auth';
import { dataSourceOptions } from '@jiebang/database';
import { APP_CONFIG } from '@jiebang/platform';
import { DOMAIN_ENTITIES, EnterpriseProfile, EnterpriseSize, makeCreditCode, Organization, User } from '@jiebang/domain';
import { syntheticChallenge, syntheticEnterprise } from '../synthetic';
import type { BenchStack } from './stack-processes';
import { http, Json, outcome } from './stack-http';

export interface Account {
  userId: string;
  organizationId: string;
  token: string;
}

export interface PublishedChallenge {
  id: string;
  bidDeadline: Date;
  kpis: Array<{ id: string; name: string; target: string; mandatory: boolean }>;
}

const NO_LOGIN_HASH = 'bench-account-without-password';
let creditSeq = 20_000_000 + Math.floor(Math.random() * 60_000_000);

export class Seeder {
  private constructor(
    private readonly stack: BenchStack,
    private readonly dataSource: DataSource,
    private readonly tokens: INestApplicationContext,
  ) {}

  static async open(stack: BenchStack): Promise<Seeder> {
    const dataSource = await new DataSource(
      dataSourceOptions({ url: stack.databaseUrl, poolSize: 2, applicationName: 'jiebang-bench-seed' }, DOMAIN_ENTITIES),
    ).initialize();
    // The services' own TokenService, built by Nest with the stack's configuration (whatever it injects).
    const tokens = await NestFactory.createApplicationContext(
      { module: class SeedTokens {}, providers: [TokenService, JwtService, { provide: APP_CONFIG, useValue: stack.config }] },
      { logger: false },
    );
    return new Seeder(stack, dataSource, tokens);
  }

  async close(): Promise<void> {
    await this.tokens.close();
    await this.dataSource.destroy();
  }

  /** `count` SMEs with synthetic profiles (deterministic content; ids and credit codes fresh). */
  async smes(count: number, firstSyntheticId = 0): Promise<Account[]> {
    const now = new Date();
    const accounts: Account[] = [];
    for (let start = 0; start < count; start += 500) {
      const organizations: Organization[] = [];
      const users: User[] = [];
      const profiles: EnterpriseProfile[] = [];
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const doc = syntheticEnterprise(firstSyntheticId + i, 11);
        const org = Organization.register(
          { name: `${doc.name}-${i}`, creditCode: makeCreditCode((creditSeq += 1), doc.region ?? '350100'), region: doc.region ?? '350100', size: (doc.size ?? 'small') as EnterpriseSize, kind: 'sme' },
          now,
        );
        organizations.push(org);
        users.push(User.create({ email: `sme-${i}.${this.stack.queuePrefix}@bench.example`, passwordHash: NO_LOGIN_HASH, name: '李工', role: 'sme', organizationId: org.id }, now));
        profiles.push(
          EnterpriseProfile.create(
            org.id,
            {
              description: doc.description,
              capabilities: doc.capabilities,
              industries: doc.industries,
              certifications: doc.certifications,
              employeeCount: 20 + (i % 200),
              patents: doc.patents.map((p) => ({ title: p.title, number: null, year: p.year ?? null })),
              pastProjects: doc.pastProjects.map((p) => ({ title: p.title, description: p.description, year: p.year, client: p.client ?? null })),
            },
            now,
          ),
        );
      }
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(Organization, organizations);
        await manager.insert(User, users);
        await manager.insert(EnterpriseProfile, profiles);
      });
      for (const user of users) accounts.push(await this.account(user));
    }
    return accounts;
  }

  async lead(): Promise<Account> {
    const now = new Date();
    const org = Organization.register({ name: '福建链主集团（基准）', creditCode: makeCreditCode((creditSeq += 1), '350100'), region: '350100', size: 'large', kind: 'lead' }, now);
    const user = User.create({ email: `lead.${this.stack.queuePrefix}@bench.example`, passwordHash: NO_LOGIN_HASH, name: '王经理', role: 'lead', organizationId: org.id }, now);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Organization, org);
      await manager.insert(User, user);
    });
    return this.account(user);
  }

  /** A challenge created and published by `lead` over HTTP, open for everyone (no eligibility rule). */
  async challenge(lead: Account, bidDeadline: Date, seed: number): Promise<PublishedChallenge> {
    const query = syntheticChallenge(seed, 5);
    const base = `${this.stack.challenge.url}/api/v1/challenges`;
    const created = await http('POST', base, lead.token, {
      title: query.title.slice(0, 200),
      description: query.description,
      industry: query.industry,
      tags: query.tags.slice(0, 20).map((t) => t.slice(0, 50)),
      kpis: [
        { name: '定位精度 accuracy', target: '≤0.01', unit: 'mm', mandatory: true },
        { name: '响应时间 latency', target: '≤10', unit: 'ms', mandatory: false },
      ],
      rewardYuan: 2_000_000,
      eligibility: {},
      bidDeadline: bidDeadline.toISOString(),
    });
    if (created.status !== 201) throw new Error(`create challenge: ${outcome(created)} ${JSON.stringify(created.body)}`);
    const published = await http('POST', `${base}/${created.body.id}/publish`, lead.token);
    if (published.status !== 200) throw new Error(`publish challenge: ${outcome(published)} ${JSON.stringify(published.body)}`);
    return { id: published.body.id, bidDeadline: new Date(published.body.bidDeadline), kpis: published.body.kpis };
  }

  private async account(user: User): Promise<Account> {
    const token = await this.tokens.get(TokenService).issue({ userId: user.id, role: user.role, organizationId: user.organizationId });
    return { userId: user.id, organizationId: user.organizationId!, token };
  }
}

/** A valid bid (every mandatory KPI answered, payments summing to 100), varied by `n`. */
export function bidBody(challenge: PublishedChallenge, n: number): Json {
  return {
    challengeId: challenge.id,
    summary: `基于自研FOC算法的伺服控制方案 #${n}`,
    technicalApproach: '采用双闭环控制与高分辨率编码器,结合EtherCAT实时通信。Dual-loop control with a high-resolution encoder.',
    priceYuan: 1_000_000 + (n % 100) * 10_000,
    durationDays: 180 + (n % 180),
    kpiResponses: challenge.kpis.filter((k) => k.mandatory).map((k) => ({ kpiId: k.id, commitment: `${k.name} ${k.target}` })),
    milestones: [
      { title: '样机', dueDay: 60, paymentPercent: 40 },
      { title: '验收', dueDay: 180, paymentPercent: 60 },
    ],
    team: [{ name: '陈博士', role: '技术负责人' }],
  };
}

/** An amendment: a new price and summary at the version the bid was read at. */
export function amendBody(version: number, n: number): Json {
  return { version, priceYuan: 900_000 + (n % 300) * 5_000, summary: `修订方案 revision ${n}` };
}
