import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work that must follow a committed write. Written in the same transaction as the write; the worker's relay
 * moves it to BullMQ with `jobId` = `jobKey`, so publishing twice is harmless.
 */
@Entity('outbox_messages')
@Index('outbox_messages_pending_idx', ['id'], { where: 'sent_at IS NULL' })
export class OutboxMessage {
  /** bigint, read as a string by the driver. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;
  @Column('text') queue!: string;
  @Column('text') jobName!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  /** BullMQ job id: deterministic, so a re-published message does not create a second job. */
  @Column('text') jobKey!: string;
  /** Delayed jobs (deadlines) run at this time; null = now. */
  @Column('timestamptz', { nullable: true }) runAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz', { nullable: true }) sentAt!: Date | null;
  @Column('integer', { default: 0 }) attempts!: number;
  @Column('text', { nullable: true }) lastError!: string | null;
}
