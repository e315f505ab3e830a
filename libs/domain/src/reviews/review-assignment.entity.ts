import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InvalidStateError } from '../errors';
import { AssignmentStatus, DeclineReason } from './review.types';

export const ASSIGNMENT_PAIR_INDEX = 'review_assignments_bid_reviewer_key';

/**
 * One reviewer assigned to one bid. A (bid, reviewer) pair exists at most once (unique index): a reviewer who
 * declined a bid is never assigned to it again, and re-running an assignment job cannot duplicate a pair.
 */
@Entity('review_assignments')
@Index(ASSIGNMENT_PAIR_INDEX, ['bidId', 'reviewerId'], { unique: true })
@Index('review_assignments_reviewer_idx', ['reviewerId', 'status'])
@Index('review_assignments_challenge_idx', ['challengeId', 'status'])
export class ReviewAssignment {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') challengeId!: string;
  @Column('uuid') bidId!: string;
  @Column('uuid') reviewerId!: string;
  @Column('text') status!: AssignmentStatus;
  /** Expertise affinity (0–100) the assignment maximised. */
  @Column('integer') affinity!: number;
  @Column('timestamptz') assignedAt!: Date;
  @Column('timestamptz', { nullable: true }) declinedAt!: Date | null;
  @Column('text', { nullable: true }) declineReason!: DeclineReason | null;
  @Column('text', { nullable: true }) declineDetail!: string | null;
  @Column('timestamptz', { nullable: true }) submittedAt!: Date | null;

  static assign(input: { challengeId: string; bidId: string; reviewerId: string; affinity: number }, now: Date): ReviewAssignment {
    const a = new ReviewAssignment();
    a.id = randomUUID();
    a.challengeId = input.challengeId;
    a.bidId = input.bidId;
    a.reviewerId = input.reviewerId;
    a.status = 'assigned';
    a.affinity = input.affinity;
    a.assignedAt = now;
    a.declinedAt = null;
    a.declineReason = null;
    a.declineDetail = null;
    a.submittedAt = null;
    return a;
  }

  get isOpen(): boolean {
    return this.status === 'assigned';
  }

  /** The reviewer declines (or is suspended); a replacement is assigned by the worker. */
  decline(reason: DeclineReason, detail: string | null, now: Date): void {
    this.assertOpen('declined');
    this.status = 'declined';
    this.declineReason = reason;
    this.declineDetail = detail;
    this.declinedAt = now;
  }

  markSubmitted(now: Date): void {
    this.assertOpen('reviewed');
    this.status = 'submitted';
    this.submittedAt = now;
  }

  private assertOpen(action: string): void {
    if (this.status !== 'assigned') throw new InvalidStateError(`The assignment is ${this.status}; it can no longer be ${action}.`);
  }
}
