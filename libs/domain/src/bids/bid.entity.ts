import { randomUUID } from 'node:crypto';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InvalidStateError, VersionConflictError } from '../errors';
import { bigintNumber } from '@jiebang/database';
import { bidContentHash } from './bid-content';
import { BidContent, BidStatus, KpiResponse, Milestone, TeamMember } from './bid.types';

export const LIVE_BID_INDEX = 'bids_one_live_per_organization_key';

/**
 * A sealed bid (揭榜方案). Holds the current revision's content; every revision is kept in `bid_revisions`.
 * One live (not withdrawn) bid per organization per challenge is enforced by a partial unique index.
 */
@Entity('bids')
@Index(LIVE_BID_INDEX, ['challengeId', 'organizationId'], { unique: true, where: `status <> 'withdrawn'` })
@Index('bids_challenge_idx', ['challengeId', 'submittedAt'])
@Index('bids_organization_idx', ['organizationId', 'submittedAt'])
export class Bid {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') challengeId!: string;
  @Column('uuid') organizationId!: string;
  @Column('uuid') submittedBy!: string;
  @Column('text') status!: BidStatus;
  @Column('integer') version!: number;
  @Column('integer') revision!: number;
  @Column('text') summary!: string;
  @Column('text') technicalApproach!: string;
  @Column('bigint', { transformer: bigintNumber }) priceYuan!: number;
  @Column('integer') durationDays!: number;
  @Column('jsonb') kpiResponses!: KpiResponse[];
  @Column('jsonb') milestones!: Milestone[];
  @Column('jsonb') team!: TeamMember[];
  @Column('text') contentHash!: string;
  @Column('timestamptz') submittedAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
  @Column('timestamptz', { nullable: true }) withdrawnAt!: Date | null;

  static submit(input: { challengeId: string; organizationId: string; userId: string; content: BidContent }, now: Date): Bid {
    const bid = new Bid();
    bid.id = randomUUID();
    bid.challengeId = input.challengeId;
    bid.organizationId = input.organizationId;
    bid.submittedBy = input.userId;
    bid.status = 'submitted';
    bid.version = 1;
    bid.revision = 1;
    bid.applyContent(input.content);
    bid.submittedAt = now;
    bid.updatedAt = now;
    bid.withdrawnAt = null;
    return bid;
  }

  get isLive(): boolean {
    return this.status !== 'withdrawn';
  }

  content(): BidContent {
    return {
      summary: this.summary,
      technicalApproach: this.technicalApproach,
      priceYuan: this.priceYuan,
      durationDays: this.durationDays,
      kpiResponses: this.kpiResponses,
      milestones: this.milestones,
      team: this.team,
    };
  }

  /** A new revision; earlier ones stay in `bid_revisions`, sealed for ever. */
  amend(content: BidContent, expectedVersion: number, now: Date): void {
    if (this.status !== 'submitted') throw new InvalidStateError(`A ${this.status} bid cannot be amended.`);
    if (expectedVersion !== this.version) throw new VersionConflictError('The bid', this.version);
    this.applyContent(content);
    this.revision += 1;
    this.version += 1;
    this.updatedAt = now;
  }

  withdraw(now: Date): void {
    if (this.status !== 'submitted') throw new InvalidStateError(`A ${this.status} bid cannot be withdrawn.`);
    this.status = 'withdrawn';
    this.withdrawnAt = now;
    this.version += 1;
    this.updatedAt = now;
  }

  /** Aggregation: among the top `shortlistSize` at or above the passing score. */
  shortlist(now: Date): void {
    this.moveTo('shortlisted', ['submitted'], now);
  }

  /** Aggregation (not shortlisted), or finalisation (shortlisted but not chosen). */
  reject(now: Date): void {
    this.moveTo('rejected', ['submitted', 'shortlisted'], now);
  }

  /** Chosen by the lead (or kept in a new award after an upheld objection). */
  award(now: Date): void {
    this.moveTo('awarded', ['shortlisted', 'awarded'], now);
  }

  /** No longer among the winners: a new award left it out, or an objection against the result was upheld. */
  revokeAward(now: Date): void {
    this.moveTo('shortlisted', ['awarded', 'shortlisted'], now);
  }

  /** An objection against this bid was upheld. */
  disqualify(now: Date): void {
    this.moveTo('disqualified', ['awarded', 'shortlisted'], now);
  }

  private moveTo(status: BidStatus, from: BidStatus[], now: Date): void {
    if (!from.includes(this.status)) throw new InvalidStateError(`A ${this.status} bid cannot become ${status}.`);
    if (this.status === status) return;
    this.status = status;
    this.version += 1;
    this.updatedAt = now;
  }

  private applyContent(content: BidContent): void {
    this.summary = content.summary;
    this.technicalApproach = content.technicalApproach;
    this.priceYuan = content.priceYuan;
    this.durationDays = content.durationDays;
    this.kpiResponses = content.kpiResponses;
    this.milestones = content.milestones;
    this.team = content.team;
    this.contentHash = bidContentHash(content);
  }
}
