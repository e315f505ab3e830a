import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An explanation as the matching engine produced it (at least a human-readable `summary`). */
export type StoredExplanation = { summary: string } & Record<string, unknown>;

/** One of the top matches of a published challenge (the worker stores the top 200 with explanations). */
@Entity('challenge_matches')
@Index('challenge_matches_rank_idx', ['challengeId', 'rank'])
export class ChallengeMatch {
  @PrimaryColumn('uuid') challengeId!: string;
  @PrimaryColumn('uuid') organizationId!: string;
  @Column('integer') rank!: number;
  @Column('double precision') score!: number;
  @Column('boolean') eligible!: boolean;
  @Column('jsonb') explanation!: StoredExplanation;
  @Column('text') method!: string;
  @Column('timestamptz') computedAt!: Date;
}

/** A challenge open for bids, ranked for one SME (every open challenge, not only those whose top 200 it made). */
/** The rank is computed when read, among the challenges still open. */
@Entity('recommendations')
@Index('recommendations_score_idx', ['organizationId', 'score'])
export class Recommendation {
  @PrimaryColumn('uuid') organizationId!: string;
  @PrimaryColumn('uuid') challengeId!: string;
  @Column('double precision') score!: number;
  @Column('boolean') eligible!: boolean;
  @Column('jsonb') explanation!: StoredExplanation;
  @Column('text') method!: string;
  @Column('timestamptz') computedAt!: Date;
}

/** The worker's advice on one bid revision (never part of the official ranking). */
@Entity('bid_assessments')
export class BidAssessment {
  @PrimaryColumn('uuid') bidId!: string;
  @PrimaryColumn('integer') revision!: number;
  @Column('text') method!: string;
  @Column('boolean') eligible!: boolean;
  @Column('jsonb') reasons!: Array<{ rule: string; message: string }>;
  @Column('jsonb') fit!: Record<string, unknown>;
  @Column('jsonb') price!: Record<string, unknown>;
  @Column('jsonb') duration!: Record<string, unknown>;
  @Column('double precision') total!: number;
  @Column('jsonb') explanation!: StoredExplanation;
  @Column('timestamptz') computedAt!: Date;
}
