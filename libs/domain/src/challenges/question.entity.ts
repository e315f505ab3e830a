import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A question on a challenge (答疑). The asker is stored for their own view and never shown to anyone else. */
@Entity('questions')
@Index('questions_challenge_idx', ['challengeId', 'createdAt'])
export class Question {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') challengeId!: string;
  @Column('uuid') askedBy!: string;
  @Column('uuid', { nullable: true }) askerOrganizationId!: string | null;
  @Column('text') text!: string;
  @Column('text', { nullable: true }) answer!: string | null;
  @Column('timestamptz', { nullable: true }) answeredAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;

  static ask(challengeId: string, asker: { userId: string; organizationId: string | null }, text: string, now: Date): Question {
    const q = new Question();
    q.id = randomUUID();
    q.challengeId = challengeId;
    q.askedBy = asker.userId;
    q.askerOrganizationId = asker.organizationId;
    q.text = text;
    q.answer = null;
    q.answeredAt = null;
    q.createdAt = now;
    return q;
  }

  /** Answers (or corrects the answer); answers are visible to every signed-in user. */
  answerWith(text: string, now: Date): void {
    this.answer = text;
    this.answeredAt = now;
  }
}
