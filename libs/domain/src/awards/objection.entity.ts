import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InvalidStateError } from '../errors';

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
export type ObjectionDecision = Exclude<ObjectionStatus, 'open'>;

/**
 * A named objection (异议) filed during publicity, against the whole result (`bidId` null) or one awarded bid.
 * While any objection on a challenge is open, its award cannot become final.
 */
@Entity('objections')
@Index('objections_challenge_idx', ['challengeId', 'status'])
@Index('objections_objector_idx', ['objectorId', 'createdAt'])
@Index('objections_created_idx', ['createdAt', 'id'])
export class Objection {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') challengeId!: string;
  @Column('uuid', { nullable: true }) bidId!: string | null;
  @Column('uuid') objectorId!: string;
  @Column('text') status!: ObjectionStatus;
  @Column('text') reason!: string;
  @Column('text') evidence!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('text', { nullable: true }) resolutionNote!: string | null;
  @Column('uuid', { nullable: true }) resolvedBy!: string | null;
  @Column('timestamptz', { nullable: true }) resolvedAt!: Date | null;

  static file(input: { challengeId: string; bidId: string | null; objectorId: string; reason: string; evidence: string }, now: Date): Objection {
    const o = new Objection();
    o.id = randomUUID();
    o.challengeId = input.challengeId;
    o.bidId = input.bidId;
    o.objectorId = input.objectorId;
    o.status = 'open';
    o.reason = input.reason;
    o.evidence = input.evidence;
    o.createdAt = now;
    o.resolutionNote = null;
    o.resolvedBy = null;
    o.resolvedAt = null;
    return o;
  }

  resolve(decision: ObjectionDecision, note: string, by: string, now: Date): void {
    if (this.status !== 'open') throw new InvalidStateError(`The objection is already ${this.status}.`);
    this.status = decision;
    this.resolutionNote = note;
    this.resolvedBy = by;
    this.resolvedAt = now;
  }
}
