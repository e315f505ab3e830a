import { Injectable } from '@nestjs/common';
import { TransactionHost, isUniqueViolation } from '@jiebang/database';
import { EmailTakenError, OrganizationExistsError } from '../errors';
import { Organization } from './organization.entity';
import { ReviewerProfile } from './reviewer-profile.entity';
import { normalizeEmail, User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(private readonly tx: TransactionHost) {}

  findById(id: string): Promise<User | null> {
    return this.tx.manager.findOne(User, { where: { id } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.tx.manager.findOne(User, { where: { email: normalizeEmail(email) } });
  }

  /** Inserts; a duplicate email (case-insensitive) is `EMAIL_TAKEN`, decided by the unique index. */
  async insert(user: User): Promise<void> {
    try {
      await this.tx.manager.insert(User, user);
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key')) throw new EmailTakenError();
      throw error;
    }
  }

  /** Users of the given organizations (to notify an organization). */
  async idsOfOrganizations(organizationIds: string[]): Promise<string[]> {
    if (organizationIds.length === 0) return [];
    const rows: Array<{ id: string }> = await this.tx.manager
      .createQueryBuilder(User, 'u')
      .select('u.id', 'id')
      .where('u.organization_id = ANY(:ids)', { ids: organizationIds })
      .getRawMany();
    return rows.map((r) => r.id);
  }

  async idsOfAdmins(): Promise<string[]> {
    const rows = await this.tx.manager.find(User, { where: { role: 'admin' }, select: { id: true } });
    return rows.map((r) => r.id);
  }
}

@Injectable()
export class OrganizationsRepository {
  constructor(private readonly tx: TransactionHost) {}

  findById(id: string): Promise<Organization | null> {
    return this.tx.manager.findOne(Organization, { where: { id } });
  }

  /** Credit codes by organization id (conflict-of-interest checks). */
  async creditCodesOf(ids: string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    if (ids.length === 0) return map;
    const rows: Array<{ id: string; credit_code: string | null }> = await this.tx.manager.query(
      'SELECT id, credit_code FROM organizations WHERE id = ANY($1)',
      [ids],
    );
    for (const r of rows) if (r.credit_code) map.set(r.id, r.credit_code);
    return map;
  }

  async insert(org: Organization): Promise<void> {
    try {
      await this.tx.manager.insert(Organization, org);
    } catch (error) {
      if (isUniqueViolation(error, 'organizations_credit_code_key')) throw new OrganizationExistsError();
      throw error;
    }
  }
}

@Injectable()
export class ReviewerProfilesRepository {
  constructor(private readonly tx: TransactionHost) {}

  findByUserId(userId: string): Promise<ReviewerProfile | null> {
    return this.tx.manager.findOne(ReviewerProfile, { where: { userId } });
  }

  async insert(profile: ReviewerProfile): Promise<void> {
    await this.tx.manager.insert(ReviewerProfile, profile);
  }
}
