import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AdminAccounts, PasswordHasher, TokenService } from '@jiebang/auth';
import { TransactionHost } from '@jiebang/database';
import {
  Actor,
  Clock,
  FieldError,
  InvalidCredentialsError,
  Organization,
  OrganizationsRepository,
  ReviewerProfile,
  ReviewerProfilesRepository,
  UnauthenticatedError,
  User,
  UsersRepository,
  ValidationFailedError,
} from '@jiebang/domain';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';
import { LoginDto, RegisterDto, SessionResponse, UserResponse } from './identity.dto';

export function toUserResponse(user: User): UserResponse {
  return { id: user.id, email: user.email, name: user.name, role: user.role, organizationId: user.organizationId };
}

@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityService.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly users: UsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly reviewers: ReviewerProfilesRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly admins: AdminAccounts,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD (created once; an existing account is left alone). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.adminEmail || !this.config.adminPassword) return;
    const outcome = await this.admins.ensure({ email: this.config.adminEmail, password: this.config.adminPassword, name: 'Administrator' });
    if (outcome === 'created') this.logger.log(`created the first admin ${this.config.adminEmail}`);
  }

  async register(input: RegisterDto): Promise<SessionResponse> {
    const problems = roleShapeProblems(input);
    if (problems.length > 0) throw new ValidationFailedError('The registration is not valid for this role.', problems);
    const passwordHash = await this.hasher.hash(input.password);
    const now = this.clock.now();
    const user = await this.tx.run(async () => {
      let organizationId: string | null = null;
      if (input.organization) {
        const organization = Organization.register({ ...input.organization, kind: input.role === 'lead' ? 'lead' : 'sme' }, now);
        await this.organizations.insert(organization);
        organizationId = organization.id;
      }
      const created = User.create({ email: input.email, passwordHash, name: input.name, role: input.role, organizationId }, now);
      await this.users.insert(created);
      if (input.reviewer) {
        await this.reviewers.insert(ReviewerProfile.register(created.id, input.reviewer.expertise, input.reviewer.affiliations, now));
      }
      return created;
    });
    return this.session(user);
  }

  async login(input: LoginDto): Promise<SessionResponse> {
    const user = await this.users.findByEmail(input.email);
    const valid = user ? await this.hasher.verify(user.passwordHash, input.password) : await this.hasher.verifyNothing(input.password);
    if (!user || !valid) throw new InvalidCredentialsError();
    return this.session(user);
  }

  async me(actor: Actor): Promise<{ user: UserResponse }> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new UnauthenticatedError('The account no longer exists.');
    return { user: toUserResponse(user) };
  }

  private async session(user: User): Promise<SessionResponse> {
    const accessToken = await this.tokens.issue({ userId: user.id, role: user.role, organizationId: user.organizationId });
    return { user: toUserResponse(user), accessToken, expiresIn: this.tokens.expiresInSeconds };
  }
}

function roleShapeProblems(input: RegisterDto): FieldError[] {
  const problems: FieldError[] = [];
  if (input.role === 'reviewer') {
    if (!input.reviewer) problems.push({ field: 'reviewer', message: 'reviewer is required for the reviewer role' });
    if (input.organization) problems.push({ field: 'organization', message: 'a reviewer registers without an organization' });
  } else {
    if (!input.organization) problems.push({ field: 'organization', message: `organization is required for the ${input.role} role` });
    if (input.reviewer) problems.push({ field: 'reviewer', message: `reviewer is only for the reviewer role` });
  }
  return problems;
}
