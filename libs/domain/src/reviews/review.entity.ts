import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FieldError, InvalidStateError, RuleViolationError } from '../errors';
import { ScorecardCriterion } from '../challenges/challenge.types';
import { ReviewScores, ReviewStatus } from './review.types';

/** Every score problem of a review against the scorecard; to submit, every criterion must be scored. */
export function reviewScoreProblems(criteria: ScorecardCriterion[], scores: ReviewScores, submit: boolean): FieldError[] {
  const problems: FieldError[] = [];
  const known = new Map(criteria.map((c) => [c.key, c]));
  for (const [key, value] of Object.entries(scores)) {
    const criterion = known.get(key);
    if (!criterion) problems.push({ field: `scores.${key}`, message: `"${key}" is not a criterion of this scorecard` });
    else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > criterion.maxScore) {
      problems.push({ field: `scores.${key}`, message: `must be a number from 0 to ${criterion.maxScore}` });
    }
  }
  if (submit) {
    for (const c of criteria) {
      if (!(c.key in scores)) problems.push({ field: `scores.${c.key}`, message: `every criterion must be scored to submit ("${c.name}" is missing)` });
    }
  }
  return problems;
}

/**
 * A reviewer's scorecard for one assignment: saved as a draft any number of times, then submitted once —
 * a submitted review is final. `comment` is for the bidder; `privateNote` for the lead and admins only.
 */
@Entity('reviews')
@Index('reviews_challenge_idx', ['challengeId', 'status'])
@Index('reviews_reviewer_idx', ['reviewerId', 'status'])
export class Review {
  @PrimaryColumn('uuid') assignmentId!: string;
  @Column('uuid') challengeId!: string;
  @Column('uuid') bidId!: string;
  @Column('uuid') reviewerId!: string;
  @Column('text') status!: ReviewStatus;
  @Column('jsonb') scores!: ReviewScores;
  @Column('text') comment!: string;
  @Column('text', { nullable: true }) privateNote!: string | null;
  /** Σ weight × score / maxScore on 0–100, set on submission. */
  @Column('double precision', { nullable: true }) total!: number | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
  @Column('timestamptz', { nullable: true }) submittedAt!: Date | null;

  static start(assignment: { id: string; challengeId: string; bidId: string; reviewerId: string }, now: Date): Review {
    const r = new Review();
    r.assignmentId = assignment.id;
    r.challengeId = assignment.challengeId;
    r.bidId = assignment.bidId;
    r.reviewerId = assignment.reviewerId;
    r.status = 'draft';
    r.scores = {};
    r.comment = '';
    r.privateNote = null;
    r.total = null;
    r.createdAt = now;
    r.updatedAt = now;
    r.submittedAt = null;
    return r;
  }

  /**
   * Saves the reviewer's scorecard, or submits it when `submitWith` is given: the scores are checked against
   * the criteria first, then `submitWith` (the aggregation's total formula) computes the total of valid scores.
   */
  write(
    input: { criteria: ScorecardCriterion[]; scores: ReviewScores; comment: string; privateNote: string | null; submitWith: ((scores: ReviewScores) => number) | null },
    now: Date,
  ): void {
    if (this.status === 'submitted') throw new InvalidStateError('The review is submitted; a submitted review is final.');
    const problems = reviewScoreProblems(input.criteria, input.scores, input.submitWith !== null);
    if (problems.length > 0) throw new RuleViolationError('The scores do not fit the scorecard.', problems);
    this.scores = { ...input.scores };
    this.comment = input.comment;
    this.privateNote = input.privateNote;
    this.updatedAt = now;
    if (input.submitWith !== null) {
      this.status = 'submitted';
      this.total = input.submitWith(this.scores);
      this.submittedAt = now;
    }
  }
}
