export { AGGREGATION_METHOD, aggregateReviews, DISAGREEMENT_SPREAD, TRIM_FROM } from './aggregate-reviews';
export { BOOTSTRAP_SAMPLES, bootstrapInterval, INTERVAL_LEVEL } from './bootstrap';
export { calibrateTotal, SPREAD_FLOOR } from './calibration';
export { reviewTotal } from './review-total';
export { seededRandom, seedKey, streamState } from './seeded-random';
export type { RandomSource } from './seeded-random';
export { bidStatistic, populationSpread, round4 } from './statistics';
export type {
  AggregatedBid,
  AggregatedTotal,
  AggregationBidInput,
  AggregationFlag,
  AggregationInput,
  AggregationParameters,
  AggregationResult,
  AggregationReviewInput,
  CalibrationInput,
  ReviewerCalibration,
  ReviewerHistory,
  ScorecardCriterionInput,
} from './types';
