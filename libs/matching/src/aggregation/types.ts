/** One scorecard criterion; the weights of a scorecard sum to 100. */
export interface ScorecardCriterionInput {
  key: string;
  weight: number;
  maxScore: number;
}

/** A reviewer's history over ALL their submitted review totals on the platform (this challenge included). */
export interface ReviewerHistory {
  count: number;
  mean: number;
  /** Population standard deviation of the reviewer's totals. */
  spread: number;
}

export interface CalibrationInput {
  /** CALIBRATION_MIN_REVIEWS: a reviewer with at least this many submitted reviews is calibrated. */
  minReviews: number;
  /** μ: mean of all submitted totals on the platform. */
  platformMean: number;
  /** σ: population standard deviation of all submitted totals on the platform. */
  platformSpread: number;
  /** Histories by reviewer id; a reviewer missing here has no history (count 0) and counts raw. */
  reviewers: Record<string, ReviewerHistory>;
}

export interface AggregationReviewInput {
  reviewerId: string;
  /** Raw score per criterion key, 0..maxScore. */
  scores: Record<string, number>;
}

export interface AggregationBidInput {
  bidId: string;
  /** ISO 8601 time of the bid's first submission (the tie-break after the score). */
  firstSubmittedAt: string;
  reviews: AggregationReviewInput[];
}

export interface AggregationInput {
  criteria: ScorecardCriterionInput[];
  /** 0..100 */
  passingScore: number;
  shortlistSize: number;
  bids: AggregationBidInput[];
  calibration: CalibrationInput;
  /** E.g. the challenge id: makes the bootstrap deterministic. */
  seed: string;
}

export type AggregationFlag = 'calibrated' | 'trimmed' | 'high-disagreement' | 'below-passing' | 'tie-at-cutoff';

export interface AggregatedTotal {
  reviewerId: string;
  /** t = Σ weight_k × score_k / maxScore_k, rounded to 4 decimals. */
  raw: number;
  /** The calibrated total (or `raw` when calibration was not applied), rounded to 4 decimals. */
  calibrated: number;
  calibrationApplied: boolean;
}

export interface AggregatedBid {
  bidId: string;
  /** 1-based position in the ranking. */
  rank: number;
  /** The bid statistic over its calibrated totals, rounded to 4 decimals (ranking uses this value). */
  score: number;
  /** 90% bootstrap interval of the statistic, rounded to 4 decimals. */
  interval: [number, number];
  reviewCount: number;
  flags: AggregationFlag[];
  shortlisted: boolean;
  status: 'shortlisted' | 'rejected';
  /** One per review, in the order of the input reviews. */
  totals: AggregatedTotal[];
  /** Mean raw per-criterion score over the bid's reviews (for feedback), in scorecard order. */
  criteria: Array<{ key: string; mean: number; maxScore: number }>;
}

export interface AggregationParameters {
  minReviews: number;
  platformMean: number;
  platformSpread: number;
  spreadFloor: number;
  trimFrom: number;
  disagreementSpread: number;
  intervalLevel: number;
  bootstrapSamples: number;
}

export interface ReviewerCalibration {
  count: number;
  mean: number;
  spread: number;
  applied: boolean;
}

export interface AggregationResult {
  method: string;
  parameters: AggregationParameters;
  /** For the reviewers of this challenge, by reviewer id (ids in ascending order). */
  reviewerCalibration: Record<string, ReviewerCalibration>;
  /** Sorted by rank. */
  bids: AggregatedBid[];
  outcome: 'shortlisted' | 'failed';
}
