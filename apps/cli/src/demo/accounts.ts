import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AdminAccounts, PasswordHasher, TokenService } from '@jiebang/auth';
import { TransactionHost } from '@jiebang/database';
import {
  Clock,
  makeCreditCode,
  Organization,
  OrganizationsRepository,
  ReviewerProfile,
  ReviewerProfilesRepository,
  Role,
  User,
  UsersRepository,
} from '@jiebang/domain';
import { AppConfig } from '@jiebang/platform';
import { CliModule } from '../cli.module';
import { Actor, DemoError } from './api';
import { Size } from './cast';

/** A demo account: its user, organization (lead, SME) and a token minted for it. */
export interface DemoAccount extends Actor {
  email: string;
  role: Role;
  organizationId: string | null;
  creditCode: string | null;
}

export const DEMO_EMAIL_DOMAIN = 'demo.jiebang.example';
export const DEMO_ADMIN_EMAIL = `demo-admin@${DEMO_EMAIL_DOMAIN}`;

/**
 * Creates the demo's accounts in the database directly (organization, user, reviewer profile — what registration
 * writes), with the password hasher, and mints their access tokens with the same TokenService the services use.
 * No HTTP registration or login happens, so the auth rate limit is never involved and never raised.
 * The database and the JWT settings come from this process's configuration: against a running stack they must
 * be the stack's (same DATABASE_URL, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE).
 */
export class DemoAccounts {
  /** One run's tag: emails of this run end in `.<tag>@…`, so runs never collide. */
  readonly tag = randomBytes(3).toString('hex');
  /** Every account of this run signs in with this password (for exploring afterwards). */
  readonly password = `demo-${randomBytes(6).toString('base64url')}`;
  private creditSeq = 10_000_000 + Math.floor(Math.random() * 80_000_000);
  private passwordHash: string | null = null;

  private constructor(
    private readonly app: INestApplicationContext,
    private readonly database: string,
  ) {}

  /** Opens the database of `config`; then `admin()` checks it holds the platform's schema. */
  static async open(config: AppConfig): Promise<DemoAccounts> {
    const name = new URL(config.databaseUrl).pathname.slice(1);
    try {
      const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false, abortOnError: false });
      return new DemoAccounts(app, name);
    } catch (error) {
      throw new DemoError(`cannot open the database ${name} of DATABASE_URL (${(error as Error).message})`);
    }
  }

  close(): Promise<void> {
    return this.app.close();
  }

  /** A valid 统一社会信用代码 (GB 32100) in `region`, different on every call and, with a random start, across runs. */
  creditCode(region: string): string {
    this.creditSeq += 1;
    return makeCreditCode(this.creditSeq, region);
  }

  private email(local: string): string {
    return `${local}.${this.tag}@${DEMO_EMAIL_DOMAIN}`;
  }

  private async hash(): Promise<string> {
    this.passwordHash ??= await this.app.get(PasswordHasher).hash(this.password);
    return this.passwordHash;
  }

  private async token(user: { id: string; role: Role; organizationId: string | null }): Promise<string> {
    return this.app.get(TokenService).issue({ userId: user.id, role: user.role, organizationId: user.organizationId });
  }

  /** The demo admin (created once, like `create-admin`; later runs reuse it). */
  async admin(): Promise<DemoAccount & { created: boolean }> {
    let outcome: 'created' | 'exists';
    try {
      outcome = await this.app.get(AdminAccounts).ensure({ email: DEMO_ADMIN_EMAIL, password: this.password, name: '平台运营（演示）' });
    } catch (error) {
      throw new DemoError(`cannot write the demo's accounts to the database ${this.database} (${(error as Error).message}); is it the stack's, migrated?`);
    }
    const user = await this.app.get(UsersRepository).findByEmail(DEMO_ADMIN_EMAIL);
    if (!user || user.role !== 'admin') throw new DemoError(`${DEMO_ADMIN_EMAIL} exists but is not an admin; remove that account or use --own-stack`);
    return { ...this.describe(user, null), token: await this.token(user), created: outcome === 'created' };
  }

  /** A lead or SME with its organization. */
  async enterprise(
    role: 'lead' | 'sme',
    local: string,
    contact: string,
    organization: { name: string; region: string; size: Size },
  ): Promise<DemoAccount> {
    const clock = this.app.get(Clock);
    const passwordHash = await this.hash();
    const creditCode = this.creditCode(organization.region);
    const user = await this.app.get(TransactionHost).run(async () => {
      const now = clock.now();
      const org = Organization.register({ ...organization, creditCode, kind: role }, now);
      await this.app.get(OrganizationsRepository).insert(org);
      const created = User.create({ email: this.email(local), passwordHash, name: contact, role, organizationId: org.id }, now);
      await this.app.get(UsersRepository).insert(created);
      return created;
    });
    return { ...this.describe(user, creditCode), token: await this.token(user) };
  }

  /** A reviewer, pending until an admin approves them over HTTP. */
  async reviewer(local: string, name: string, expertise: string[], affiliations: string[]): Promise<DemoAccount> {
    const clock = this.app.get(Clock);
    const passwordHash = await this.hash();
    const user = await this.app.get(TransactionHost).run(async () => {
      const now = clock.now();
      const created = User.create({ email: this.email(local), passwordHash, name, role: 'reviewer', organizationId: null }, now);
      await this.app.get(UsersRepository).insert(created);
      await this.app.get(ReviewerProfilesRepository).insert(ReviewerProfile.register(created.id, expertise, affiliations, now));
      return created;
    });
    return { ...this.describe(user, null), token: await this.token(user) };
  }

  private describe(user: User, creditCode: string | null): Omit<DemoAccount, 'token'> {
    return { id: user.id, name: user.name, email: user.email, role: user.role, organizationId: user.organizationId, creditCode };
  }
}
