import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AuditData = Record<string, unknown>;

/** One link of a challenge's append-only, hash-chained audit log. */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn('uuid') challengeId!: string;
  @PrimaryColumn('integer') seq!: number;
  @Column('timestamptz') at!: Date;
  @Column('uuid', { nullable: true }) actorId!: string | null;
  @Column('text') action!: string;
  @Column('jsonb') data!: AuditData;
  /** SHA-256 of the bid revision's content for bid events; null otherwise. */
  @Column('text', { nullable: true }) contentHash!: string | null;
  @Column('text') prevHash!: string;
  @Column('text') hash!: string;
}
