import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export interface CriterionMean {
  key: string;
  mean: number;
  maxScore: number;
}

/**
 * A bid's place in its challenge's official ranking, written by the aggregation job (one row per bid, replaced
 * by natural key). The full computation — inputs, parameters and method — is frozen in the audit chain.
 */
@Entity('bid_rankings')
@Index('bid_rankings_challenge_idx', ['challengeId', 'rank'])
export class BidRanking {
  @PrimaryColumn('uuid') bidId!: string;
  @Column('uuid') challengeId!: string;
  @Column('integer') rank!: number;
  /** How many bids were ranked. */
  @Column('integer') of!: number;
  @Column('double precision') score!: number;
  @Column('double precision') intervalLow!: number;
  @Column('double precision') intervalHigh!: number;
  @Column('integer') reviewCount!: number;
  @Column('text', { array: true }) flags!: string[];
  @Column('boolean') shortlisted!: boolean;
  /** Mean raw score per criterion (feedback). */
  @Column('jsonb') criteria!: CriterionMean[];
  @Column('text') method!: string;
  @Column('timestamptz') computedAt!: Date;
}
