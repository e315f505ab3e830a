import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('challenge_addenda')
@Index('challenge_addenda_challenge_idx', ['challengeId', 'createdAt'])
export class ChallengeAddendum {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') challengeId!: string;
  @Column('text') text!: string;
  /** The new deadline this addendum set, if it extended it. */
  @Column('timestamptz', { nullable: true }) bidDeadline!: Date | null;
  @Column('timestamptz') createdAt!: Date;

  static create(challengeId: string, text: string, bidDeadline: Date | null, now: Date): ChallengeAddendum {
    const addendum = new ChallengeAddendum();
    addendum.id = randomUUID();
    addendum.challengeId = challengeId;
    addendum.text = text;
    addendum.bidDeadline = bidDeadline;
    addendum.createdAt = now;
    return addendum;
  }
}
