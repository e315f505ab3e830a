import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const NOTIFICATION_TYPES = [
  'challenge.matched',
  'challenge.closed',
  'challenge.addendum',
  'challenge.cancelled',
  'review.assigned',
  'challenge.shortlisted',
  'bid.awarded',
  'bid.not-awarded',
  'review.shortage',
  'challenge.failed',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * A notification for one user. `dedupeKey` makes writing it idempotent: a job or transition that runs twice
 * writes the same key and the second insert is ignored.
 */
@Entity('notifications')
@Index('notifications_user_dedupe_key', ['userId', 'dedupeKey'], { unique: true })
@Index('notifications_user_created_idx', ['userId', 'createdAt', 'id'])
export class Notification {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('text') type!: NotificationType;
  @Column('uuid', { nullable: true }) challengeId!: string | null;
  @Column('uuid', { nullable: true }) bidId!: string | null;
  @Column('text') message!: string;
  @Column('text') dedupeKey!: string;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz', { nullable: true }) readAt!: Date | null;

  static create(input: {
    userId: string;
    type: NotificationType;
    challengeId?: string | null;
    bidId?: string | null;
    message: string;
    dedupeKey: string;
  }, now: Date): Notification {
    const n = new Notification();
    n.id = randomUUID();
    n.userId = input.userId;
    n.type = input.type;
    n.challengeId = input.challengeId ?? null;
    n.bidId = input.bidId ?? null;
    n.message = input.message;
    n.dedupeKey = input.dedupeKey;
    n.createdAt = now;
    n.readAt = null;
    return n;
  }
}
