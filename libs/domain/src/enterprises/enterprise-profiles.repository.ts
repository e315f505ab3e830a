import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { EnterpriseSize } from '../challenges/challenge.types';
import { Organization } from '../identity/organization.entity';
import { EnterpriseProfile } from './enterprise-profile.entity';

export interface ProfileWithOrganization {
  organization: Organization;
  profile: EnterpriseProfile | null;
}

export interface ProfileChange {
  organization: Organization;
  profile: EnterpriseProfile;
}

/** What the eligibility rules of a challenge look at (the shape of `checkEligibility`'s candidate). */
export interface EligibilityFacts {
  region: string | null;
  size: EnterpriseSize | null;
  certifications: string[];
}

/**
 * The SELECT of an organization's eligibility facts, the organization's id in parameter number `param` (1 for `$1`,
 * …): read on its own (`eligibilityFactsOf`) or joined into another statement (the challenge lock of a bid submission).
 */
export function eligibilityFactsQuery(param: number): string {
  if (!Number.isInteger(param) || param < 1) throw new Error(`eligibilityFactsQuery: ${param} is not a parameter number`);
  return `SELECT o.id AS organization_id, o.region, o.size, COALESCE(p.certifications, '{}') AS certifications
            FROM organizations o LEFT JOIN enterprise_profiles p ON p.organization_id = o.id
           WHERE o.id = $${param}`;
}

/** The facts of a row holding `eligibilityFactsQuery`'s columns (prefixed by `prefix`); null when it found no organization. */
export function toEligibilityFacts(row: Record<string, unknown>, prefix = ''): EligibilityFacts | null {
  if (row[`${prefix}organization_id`] == null) return null;
  return {
    region: row[`${prefix}region`] as string | null,
    size: row[`${prefix}size`] as EnterpriseSize | null,
    certifications: row[`${prefix}certifications`] as string[],
  };
}

@Injectable()
export class EnterpriseProfilesRepository {
  constructor(private readonly tx: TransactionHost) {}

  findByOrganization(organizationId: string): Promise<EnterpriseProfile | null> {
    return this.tx.manager.findOne(EnterpriseProfile, { where: { organizationId } });
  }

  /** An organization's region and size with its profile's certifications, in one query; null for no such organization. */
  async eligibilityFactsOf(organizationId: string): Promise<EligibilityFacts | null> {
    const rows = await this.tx.prepared(eligibilityFactsQuery(1), [organizationId]);
    return rows.length > 0 ? toEligibilityFacts(rows[0]) : null;
  }

  /** An SME organization with its profile (null before the first PUT); lead organizations are not found. */
  async findSmeWithProfile(organizationId: string): Promise<ProfileWithOrganization | null> {
    const organization = await this.tx.manager.findOne(Organization, { where: { id: organizationId, kind: 'sme' } });
    if (!organization) return null;
    return { organization, profile: await this.findByOrganization(organizationId) };
  }

  /**
   * Inserts or replaces a profile. Every write takes a new `change_seq` from the sequence, which the matching
   * workers follow to keep their ranking indexes current.
   */
  async upsert(profile: EnterpriseProfile): Promise<EnterpriseProfile> {
    const rows: Array<{ change_seq: string }> = await this.tx.manager.query(
      `INSERT INTO enterprise_profiles
         (organization_id, description, capabilities, industries, certifications, employee_count, patents, past_projects, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (organization_id) DO UPDATE SET
         description = EXCLUDED.description, capabilities = EXCLUDED.capabilities, industries = EXCLUDED.industries,
         certifications = EXCLUDED.certifications, employee_count = EXCLUDED.employee_count, patents = EXCLUDED.patents,
         past_projects = EXCLUDED.past_projects, updated_at = EXCLUDED.updated_at,
         change_seq = nextval('enterprise_profile_change_seq')
       RETURNING change_seq`,
      [
        profile.organizationId,
        profile.description,
        profile.capabilities,
        profile.industries,
        profile.certifications,
        profile.employeeCount,
        JSON.stringify(profile.patents),
        JSON.stringify(profile.pastProjects),
        profile.updatedAt,
      ],
    );
    profile.changeSeq = Number(rows[0].change_seq);
    return profile;
  }

  /** Profiles written after `changeSeq` (oldest first) with their SME organization: how workers follow changes. */
  async changedSince(changeSeq: number, limit: number): Promise<ProfileChange[]> {
    const profiles = await this.tx.manager
      .createQueryBuilder(EnterpriseProfile, 'p')
      .where('p.change_seq > :changeSeq', { changeSeq })
      .orderBy('p.change_seq', 'ASC')
      .limit(limit)
      .getMany();
    if (profiles.length === 0) return [];
    const organizations = await this.tx.manager
      .createQueryBuilder(Organization, 'o')
      .where('o.id = ANY(:ids)', { ids: profiles.map((p) => p.organizationId) })
      .getMany();
    const byId = new Map(organizations.map((o) => [o.id, o]));
    return profiles.flatMap((profile) => {
      const organization = byId.get(profile.organizationId);
      return organization ? [{ organization, profile }] : [];
    });
  }

  /** SME organizations with at least one user account: the ones whose recommendations someone reads. */
  async registeredSmeIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT o.id FROM organizations o WHERE o.kind = 'sme' AND EXISTS (SELECT 1 FROM users u WHERE u.organization_id = o.id)`,
    );
    return rows.map((r) => r.id);
  }
}
