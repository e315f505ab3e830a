import { randomUUID } from 'node:crypto';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { BiddingClosedError, FieldError, ForbiddenError, InvalidStateError, RuleViolationError, VersionConflictError } from '../errors';
import { bigintNumber } from '@jiebang/database';
import {
  ChallengeContent,
  ChallengeEligibility,
  ChallengeStatus,
  Kpi,
  Scorecard,
} from './challenge.types';

/** Checks the rules a challenge's content must keep whatever its state (API.md "Challenges"). */
export function challengeContentProblems(content: ChallengeContent, now: Date): FieldError[] {
  const problems: FieldError[] = [];
  const weights = content.scorecard.criteria.reduce((sum, c) => sum + c.weight, 0);
  if (weights !== 100) {
    problems.push({ field: 'scorecard.criteria', message: `criterion weights must sum to 100 (they sum to ${weights})` });
  }
  const keys = new Set<string>();
  content.scorecard.criteria.forEach((c, i) => {
    if (keys.has(c.key)) problems.push({ field: `scorecard.criteria.${i}.key`, message: `duplicate criterion key "${c.key}"` });
    keys.add(c.key);
  });
  if (content.shortlistSize < content.maxWinners) {
    problems.push({ field: 'shortlistSize', message: 'shortlistSize must be at least maxWinners' });
  }
  if (content.bidDeadline.getTime() <= now.getTime()) {
    problems.push({ field: 'bidDeadline', message: 'bidDeadline must be in the future' });
  }
  const kpiIds = new Set<string>();
  content.kpis.forEach((k, i) => {
    if (k.id && kpiIds.has(k.id)) problems.push({ field: `kpis.${i}.id`, message: 'duplicate KPI id' });
    if (k.id) kpiIds.add(k.id);
  });
  return problems;
}

@Entity('challenges')
@Index('challenges_public_listing_idx', ['status', 'createdAt', 'id'])
// The public listing (every status but draft, newest first): `status <> 'draft'` cannot use the index above,
// so without this one the list is a sequential scan and a sort of the whole table (bench/README.md, read path).
@Index('challenges_listing_idx', ['createdAt', 'id'], { where: `status <> 'draft'` })
@Index('challenges_organization_idx', ['organizationId', 'createdAt'])
@Index('challenges_search_idx', { synchronize: false })
@Index('challenges_open_deadline_idx', ['bidDeadline'], { where: `status = 'published'` })
export class Challenge {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') organizationId!: string;
  @Column('text') organizationName!: string;
  @Column('uuid') createdBy!: string;
  @Column('text') status!: ChallengeStatus;
  @Column('integer') version!: number;
  @Column('text') title!: string;
  @Column('text') description!: string;
  @Column('text', { nullable: true }) industry!: string | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('jsonb') kpis!: Kpi[];
  @Column('bigint', { transformer: bigintNumber }) rewardYuan!: number;
  @Column('jsonb') eligibility!: ChallengeEligibility;
  @Column('timestamptz') bidDeadline!: Date;
  @Column('integer') maxWinners!: number;
  @Column('integer') shortlistSize!: number;
  @Column('integer') passingScore!: number;
  @Column('jsonb') scorecard!: Scorecard;
  @Column('integer') reviewersPerBid!: number;
  @Column('boolean') blindReview!: boolean;
  @Column('timestamptz', { nullable: true }) publishedAt!: Date | null;
  /** Set by the close transition (开标): bids become readable to the lead from then on. */
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) cancelledAt!: Date | null;
  @Column('text', { nullable: true }) cancelReason!: string | null;
  /** End of the current publicity period (公示); kept after an upheld objection, so the result stays readable. */
  @Column('timestamptz', { nullable: true }) publicityEndsAt!: Date | null;
  /** When the award became final. */
  @Column('timestamptz', { nullable: true }) awardedAt!: Date | null;
  /** Tokenizer output (Chinese + Latin) as `tsvector('simple')`, written by the repository; GIN-indexed. */
  @Column({ type: 'tsvector', select: false, insert: false, update: false, nullable: true })
  searchVector?: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;

  static draft(
    content: ChallengeContent,
    owner: { organizationId: string; organizationName: string; userId: string },
    now: Date,
  ): Challenge {
    const problems = challengeContentProblems(content, now);
    if (problems.length > 0) throw new RuleViolationError('The challenge breaks content rules.', problems);
    const challenge = new Challenge();
    challenge.id = randomUUID();
    challenge.organizationId = owner.organizationId;
    challenge.organizationName = owner.organizationName;
    challenge.createdBy = owner.userId;
    challenge.status = 'draft';
    challenge.version = 1;
    challenge.publishedAt = null;
    challenge.closedAt = null;
    challenge.cancelledAt = null;
    challenge.cancelReason = null;
    challenge.publicityEndsAt = null;
    challenge.awardedAt = null;
    challenge.applyContent(content);
    challenge.createdAt = now;
    challenge.updatedAt = now;
    return challenge;
  }

  /** The challenge's content as a lead edits it (for PATCH merging). */
  content(): ChallengeContent {
    return {
      title: this.title,
      description: this.description,
      industry: this.industry,
      tags: this.tags,
      kpis: this.kpis,
      rewardYuan: this.rewardYuan,
      eligibility: this.eligibility,
      bidDeadline: this.bidDeadline,
      maxWinners: this.maxWinners,
      shortlistSize: this.shortlistSize,
      passingScore: this.passingScore,
      scorecard: this.scorecard,
      reviewersPerBid: this.reviewersPerBid,
      blindReview: this.blindReview,
    };
  }

  /** Edits a draft. KPIs sent back with their id keep it; new ones get one. */
  edit(changes: Partial<ChallengeContent>, expectedVersion: number, now: Date): void {
    this.assertStatus('draft', 'edited');
    if (expectedVersion !== this.version) throw new VersionConflictError('The challenge', this.version);
    const content = { ...this.content(), ...changes };
    const problems = challengeContentProblems(content, now);
    const known = new Set(this.kpis.map((k) => k.id));
    content.kpis.forEach((k, i) => {
      if (k.id && !known.has(k.id)) problems.push({ field: `kpis.${i}.id`, message: 'unknown KPI id' });
    });
    if (problems.length > 0) throw new RuleViolationError('The challenge breaks content rules.', problems);
    this.applyContent(content);
    this.version = expectedVersion + 1;
    this.updatedAt = now;
  }

  publish(now: Date, minBidWindowSeconds: number): void {
    this.assertStatus('draft', 'published');
    const earliest = now.getTime() + minBidWindowSeconds * 1000;
    if (this.bidDeadline.getTime() <= earliest) {
      throw new RuleViolationError('The bid deadline is too early to publish.', [
        {
          field: 'bidDeadline',
          message:
            minBidWindowSeconds > 0
              ? `bidDeadline must be more than ${minBidWindowSeconds} seconds from now`
              : 'bidDeadline must be in the future',
        },
      ]);
    }
    this.status = 'published';
    this.publishedAt = now;
    this.version += 1;
    this.updatedAt = now;
  }

  acceptsBidsAt(now: Date): boolean {
    return this.status === 'published' && now.getTime() < this.bidDeadline.getTime();
  }

  /** Bidding actions are refused once the deadline has passed by the database's clock, or the status moved on. */
  assertAcceptsBids(now: Date): void {
    if (!this.acceptsBidsAt(now)) throw new BiddingClosedError();
  }

  /** 开标 happened: the close transition ran. Sealed until then, whatever else happens. */
  get isOpened(): boolean {
    return this.closedAt !== null;
  }

  /** An addendum; an optional new deadline may only be later. Returns whether the deadline moved. */
  addAddendum(newDeadline: Date | null, now: Date): boolean {
    this.assertStatus('published', 'amended with an addendum');
    this.assertAcceptsBids(now);
    if (newDeadline === null) return false;
    if (newDeadline.getTime() <= this.bidDeadline.getTime()) {
      throw new RuleViolationError('The deadline may only be extended.', [
        { field: 'bidDeadline', message: `bidDeadline must be later than the current ${this.bidDeadline.toISOString()}` },
      ]);
    }
    this.bidDeadline = newDeadline;
    this.version += 1;
    this.updatedAt = now;
    return true;
  }

  /** The owner may cancel before the deadline; an admin at any time before the award is final. */
  cancel(by: 'owner' | 'admin', reason: string, now: Date): void {
    const open: ChallengeStatus[] =
      by === 'owner' ? ['draft', 'published'] : ['draft', 'published', 'closed', 'reviewing', 'shortlisted', 'publicity'];
    if (!open.includes(this.status)) {
      throw new InvalidStateError(`A ${this.status} challenge cannot be cancelled${by === 'owner' ? ' by its owner' : ''}.`);
    }
    if (by === 'owner' && this.status === 'published' && now.getTime() >= this.bidDeadline.getTime()) {
      throw new ForbiddenError('The bid deadline has passed; only an administrator can cancel this challenge now.');
    }
    this.status = 'cancelled';
    this.cancelledAt = now;
    this.cancelReason = reason;
    this.version += 1;
    this.updatedAt = now;
  }

  /** Whether the close transition is due: published and the deadline reached by the database's clock. */
  isDueForClose(now: Date): boolean {
    return this.status === 'published' && now.getTime() >= this.bidDeadline.getTime();
  }

  /** The close transition (开标): `closed`, or `failed` (流标) when there is no live bid. */
  close(liveBidCount: number, now: Date): 'closed' | 'failed' {
    if (!this.isDueForClose(now)) throw new InvalidStateError(`A ${this.status} challenge cannot close now.`);
    this.status = liveBidCount === 0 ? 'failed' : 'closed';
    this.closedAt = now;
    this.version += 1;
    this.updatedAt = now;
    return this.status;
  }

  /** Every live bid has its reviewers: `closed → reviewing`. */
  startReviewing(now: Date): void {
    this.assertStatus('closed', 'moved to review');
    this.moveTo('reviewing', now);
  }

  /** Every review is in and ranked: `reviewing → shortlisted`, or `failed` when no bid reaches the passing score. */
  concludeReview(outcome: 'shortlisted' | 'failed', now: Date): void {
    this.assertStatus('reviewing', outcome);
    this.moveTo(outcome, now);
  }

  /** The lead awards `winners` shortlisted bids: publicity (公示) starts and ends `publicitySeconds` later. */
  award(winners: number, publicitySeconds: number, now: Date): void {
    this.assertStatus('shortlisted', 'awarded');
    if (winners < 1 || winners > this.maxWinners) {
      throw new RuleViolationError('Too many or too few winners.', [
        { field: 'bidIds', message: `award from 1 to ${this.maxWinners} bids (maxWinners); got ${winners}` },
      ]);
    }
    this.publicityEndsAt = new Date(now.getTime() + publicitySeconds * 1000);
    this.moveTo('publicity', now);
  }

  /** An upheld objection: back to `shortlisted`; the lead may award again, starting a new publicity period. */
  reopenShortlist(now: Date): void {
    if (this.status === 'publicity') this.moveTo('shortlisted', now);
  }

  /** A result was announced (publicity reached at least once) and the challenge is not cancelled. */
  get hasResult(): boolean {
    return this.publicityEndsAt !== null && ['shortlisted', 'publicity', 'awarded'].includes(this.status);
  }

  isDueForFinalization(now: Date): boolean {
    return this.status === 'publicity' && this.publicityEndsAt !== null && now.getTime() >= this.publicityEndsAt.getTime();
  }

  /** Publicity ended without an open objection (the caller checks): the award is final. */
  finalize(now: Date): void {
    if (!this.isDueForFinalization(now)) throw new InvalidStateError(`A ${this.status} challenge cannot be finalised now.`);
    this.awardedAt = now;
    this.moveTo('awarded', now);
  }

  private moveTo(status: ChallengeStatus, now: Date): void {
    this.status = status;
    this.version += 1;
    this.updatedAt = now;
  }

  private assertStatus(expected: ChallengeStatus, action: string): void {
    if (this.status !== expected) {
      throw new InvalidStateError(`The challenge is ${this.status}; only a ${expected} challenge can be ${action}.`);
    }
  }

  private applyContent(content: ChallengeContent): void {
    this.title = content.title;
    this.description = content.description;
    this.industry = content.industry;
    this.tags = [...new Set(content.tags)];
    this.kpis = content.kpis.map((k) => ({
      id: k.id ?? randomUUID(),
      name: k.name,
      target: k.target,
      unit: k.unit ?? null,
      mandatory: k.mandatory,
    }));
    this.rewardYuan = content.rewardYuan;
    this.eligibility = content.eligibility;
    this.bidDeadline = content.bidDeadline;
    this.maxWinners = content.maxWinners;
    this.shortlistSize = content.shortlistSize;
    this.passingScore = content.passingScore;
    this.scorecard = content.scorecard;
    this.reviewersPerBid = content.reviewersPerBid;
    this.blindReview = content.blindReview;
  }
}
