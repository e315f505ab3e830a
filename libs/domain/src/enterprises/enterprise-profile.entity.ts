import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '@jiebang/database';

export interface Patent {
  title: string;
  number: string | null;
  year: number | null;
}

export interface PastProject {
  title: string;
  description: string;
  year: number;
  client: string | null;
}

export interface EnterpriseProfileContent {
  description: string;
  capabilities: string[];
  industries: string[];
  certifications: string[];
  employeeCount: number | null;
  patents: Patent[];
  pastProjects: PastProject[];
}

export const EMPTY_PROFILE_CONTENT: EnterpriseProfileContent = {
  description: '',
  capabilities: [],
  industries: [],
  certifications: [],
  employeeCount: null,
  patents: [],
  pastProjects: [],
};

/**
 * An SME's capability profile. `changeSeq` comes from a database sequence on every write, so each matching
 * worker follows profile changes (`changeSeq > last seen`) and keeps its ranking index current.
 */
@Entity('enterprise_profiles')
export class EnterpriseProfile {
  @PrimaryColumn('uuid') organizationId!: string;
  @Column('text') description!: string;
  @Column('text', { array: true }) capabilities!: string[];
  @Column('text', { array: true }) industries!: string[];
  @Column('text', { array: true }) certifications!: string[];
  @Column('integer', { nullable: true }) employeeCount!: number | null;
  @Column('jsonb') patents!: Patent[];
  @Column('jsonb') pastProjects!: PastProject[];
  @Index('enterprise_profiles_change_seq_key', { unique: true })
  @Column('bigint', { transformer: bigintNumber, default: () => `nextval('enterprise_profile_change_seq')` })
  changeSeq!: number;
  @Column('timestamptz') updatedAt!: Date;

  static create(organizationId: string, content: EnterpriseProfileContent, now: Date): EnterpriseProfile {
    const profile = new EnterpriseProfile();
    profile.organizationId = organizationId;
    profile.replace(content, now);
    return profile;
  }

  replace(content: EnterpriseProfileContent, now: Date): void {
    this.description = content.description;
    this.capabilities = [...new Set(content.capabilities)];
    this.industries = [...new Set(content.industries)];
    this.certifications = [...new Set(content.certifications)];
    this.employeeCount = content.employeeCount;
    this.patents = content.patents;
    this.pastProjects = content.pastProjects;
    this.updatedAt = now;
  }

  content(): EnterpriseProfileContent {
    return {
      description: this.description,
      capabilities: this.capabilities,
      industries: this.industries,
      certifications: this.certifications,
      employeeCount: this.employeeCount,
      patents: this.patents,
      pastProjects: this.pastProjects,
    };
  }
}
