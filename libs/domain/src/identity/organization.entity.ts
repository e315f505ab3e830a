import { randomUUID } from 'node:crypto';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { EnterpriseSize } from '../challenges/challenge.types';

export type OrganizationKind = 'lead' | 'sme';

/** A lead enterprise or an SME, identified by its 统一社会信用代码. Imported SMEs have no user account. */
@Entity('organizations')
export class Organization {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Index('organizations_credit_code_key', { unique: true })
  @Column('text', { nullable: true })
  creditCode!: string | null;
  @Column('text', { nullable: true }) region!: string | null;
  @Column('text', { nullable: true }) size!: EnterpriseSize | null;
  @Column('text') kind!: OrganizationKind;
  /** Import key (DATA.md `externalId`); null for self-registered organizations. */
  @Index('organizations_external_id_key', { unique: true })
  @Column('text', { nullable: true })
  externalId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  static register(input: { name: string; creditCode: string; region: string; size: EnterpriseSize; kind: OrganizationKind }, now: Date): Organization {
    const org = new Organization();
    org.id = randomUUID();
    org.name = input.name;
    org.creditCode = input.creditCode;
    org.region = input.region;
    org.size = input.size;
    org.kind = input.kind;
    org.externalId = null;
    org.createdAt = now;
    org.updatedAt = now;
    return org;
  }
}
