import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type IdempotencyStatus = 'in-progress' | 'completed';

/** A client's `Idempotency-Key` for one user and scope: the request's hash and, once done, its response. */
@Entity('idempotency_keys')
@Index('idempotency_keys_created_idx', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn('uuid') userId!: string;
  @PrimaryColumn('text') scope!: string;
  @PrimaryColumn('text') key!: string;
  @Column('text') requestHash!: string;
  @Column('text') status!: IdempotencyStatus;
  @Column('integer', { nullable: true }) responseStatus!: number | null;
  @Column('jsonb', { nullable: true }) responseBody!: unknown;
  @Column('timestamptz') createdAt!: Date;
  /** While in progress: when the claim is considered abandoned (the process died mid-request). */
  @Column('timestamptz') lockedUntil!: Date;
}
