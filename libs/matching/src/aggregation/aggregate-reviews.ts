import { BOOTSTRAP_SAMPLES, bootstrapInterval, INTERVAL_LEVEL } from './bootstrap';
import { assertCalibration, calibrateTotal, calibrationApplies, historyOf, SPREAD_FLOOR } from './calibration';
import { assertScorecard, totalOf } from './review-total';
import { seedKey, streamState } from './seeded-random';
import { bidStatistic, populationSpread, round4 } from './statistics';
import type {
  AggregatedBid,
  AggregatedTotal,
  AggregationBidInput,
  AggregationFlag,
  AggregationInput,
  AggregationParameters,
  AggregationResult,
  ReviewerCalibration,
} from './types';

/** Name and version of the aggregation method; bump it whenever any rule or constant below changes. */
export const AGGREGATION_METHOD = 'jiebang-aggregate/1';
/** A bid with this many reviews or more drops its single highest and single lowest total. */
export const TRIM_FROM = 5;
/** `high-disagreement` when the population spread of a bid's calibrated totals is above this (points). */
export const DISAGREEMENT_SPREAD = 15;

/** A bid after scoring, before ranking. */
interface ScoredBid {
  input: AggregationBidInput;
  submittedAt: number;
  totals: AggregatedTotal[];
  score: number;
  interval: [number, number];
  spread: number;
}

function assertInput(input: AggregationInput): void {
  assertScorecard(input.criteria);
  assertCalibration(input.calibration);
  const { passingScore, shortlistSize } = input;
  if (!Number.isFinite(passingScore) || passingScore < 0 || passingScore > 100) {
    throw new RangeError('passingScore must be in [0, 100]');
  }
  if (!Number.isInteger(shortlistSize) || shortlistSize < 1) throw new RangeError('shortlistSize must be an integer ≥ 1');
  const ids = new Set<string>();
  for (const { bidId } of input.bids) {
    if (ids.has(bidId)) throw new RangeError(`bid "${bidId}" appears twice`);
    ids.add(bidId);
  }
}

function submissionTime(bid: AggregationBidInput): number {
  const time = Date.parse(bid.firstSubmittedAt);
  if (Number.isNaN(time)) throw new RangeError(`bid "${bid.bidId}": firstSubmittedAt is not a date`);
  return time;
}

function scoreBid(input: AggregationInput, key: Uint32Array, bid: AggregationBidInput): ScoredBid {
  const { criteria, calibration } = input;
  const totals: AggregatedTotal[] = [];
  const values: number[] = [];
  for (const { reviewerId, scores } of bid.reviews) {
    const raw = totalOf(criteria, scores);
    const { calibrated, applied } = calibrateTotal(raw, historyOf(calibration, reviewerId), calibration);
    totals.push({ reviewerId, raw, calibrated, calibrationApplied: applied });
    values.push(calibrated);
  }
  const score = round4(bidStatistic(values, TRIM_FROM));
  const [low, high] = bootstrapInterval(values, streamState(key, bid.bidId), TRIM_FROM, BOOTSTRAP_SAMPLES, INTERVAL_LEVEL);
  // The percentile interval of a trimmed mean over a few, skewed totals can miss the statistic itself;
  // widen it to include the score so that an interval never contradicts the number it qualifies.
  const interval: [number, number] = [Math.min(round4(low), score), Math.max(round4(high), score)];
  return { input: bid, submittedAt: submissionTime(bid), totals, score, interval, spread: populationSpread(values) };
}

/** Reviewed bids first, then score descending, first submission ascending, bid id ascending (code units). */
function compareRanked(a: ScoredBid, b: ScoredBid): number {
  const aReviewed = a.totals.length > 0;
  if (aReviewed !== b.totals.length > 0) return aReviewed ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  if (a.submittedAt !== b.submittedAt) return a.submittedAt - b.submittedAt;
  return a.input.bidId < b.input.bidId ? -1 : a.input.bidId > b.input.bidId ? 1 : 0;
}

function overlaps(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

function criterionMeans(input: AggregationInput, bid: AggregationBidInput): AggregatedBid['criteria'] {
  const { reviews } = bid;
  return input.criteria.map(({ key, maxScore }) => {
    let sum = 0;
    for (const review of reviews) sum += review.scores[key];
    return { key, mean: reviews.length > 0 ? round4(sum / reviews.length) : 0, maxScore };
  });
}

function reviewerCalibration(input: AggregationInput): Record<string, ReviewerCalibration> {
  const ids = new Set<string>();
  for (const bid of input.bids) for (const review of bid.reviews) ids.add(review.reviewerId);
  const result: Record<string, ReviewerCalibration> = {};
  for (const reviewerId of [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { count, mean: reviewerMean, spread } = historyOf(input.calibration, reviewerId);
    const applied = calibrationApplies(input.calibration, { count, mean: reviewerMean, spread });
    result[reviewerId] = { count, mean: reviewerMean, spread, applied };
  }
  return result;
}

/**
 * Aggregates the reviews of one challenge into a ranking and a shortlist (PRODUCT.md step 6):
 *  1. each review's total t (`reviewTotal`), calibrated for reviewers with ≥ minReviews reviews
 *     (`calibrateTotal`), both rounded to 4 decimals;
 *  2. a bid's score: mean of its calibrated totals, without the single highest and lowest from TRIM_FROM
 *     reviews on (`trimmed`), rounded to 4 decimals — ranking and the passing test use this rounded value,
 *     so the result recomputes exactly from the audit data;
 *  3. its 90% percentile-bootstrap interval (`bootstrapInterval`; generator stream: the bid id under the
 *     key SHA-256(`seed`), see seeded-random.ts);
 *  4. flags: `calibrated` (any total calibrated), `trimmed`, `high-disagreement` (population spread of all
 *     its calibrated totals > DISAGREEMENT_SPREAD), `below-passing` (score < passingScore), `tie-at-cutoff`;
 *  5. rank by score descending, then first submission, then bid id; the first `shortlistSize` bids with
 *     score ≥ passingScore are shortlisted, all others rejected; none shortlisted → outcome `failed`.
 * `tie-at-cutoff` marks every rejected, reviewed bid whose interval (closed) overlaps the interval of the
 * last shortlisted bid, and that last bid itself when at least one rejected bid overlaps it; shortlisted
 * bids overlapping each other do not count (swapping them changes nothing). No shortlist → no tie flags.
 * A bid without reviews scores 0 with interval [0, 0], ranks after every reviewed bid and is rejected.
 * Pure and deterministic: the same input gives the same output.
 */
export function aggregateReviews(input: AggregationInput): AggregationResult {
  assertInput(input);
  const key = seedKey(input.seed);
  const ranked = input.bids.map((bid) => scoreBid(input, key, bid)).sort(compareRanked);

  const shortlisted = new Set<ScoredBid>();
  for (const bid of ranked) {
    if (shortlisted.size >= input.shortlistSize) break;
    if (bid.totals.length > 0 && bid.score >= input.passingScore) shortlisted.add(bid);
  }
  const last = ranked.filter((bid) => shortlisted.has(bid)).at(-1);
  const tied = new Set<ScoredBid>();
  if (last) {
    for (const bid of ranked) {
      if (!shortlisted.has(bid) && bid.totals.length > 0 && overlaps(bid.interval, last.interval)) tied.add(bid);
    }
    if (tied.size > 0) tied.add(last);
  }

  const bids = ranked.map((bid, index): AggregatedBid => {
    const flags: AggregationFlag[] = [];
    if (bid.totals.some((total) => total.calibrationApplied)) flags.push('calibrated');
    if (bid.totals.length >= TRIM_FROM) flags.push('trimmed');
    if (bid.spread > DISAGREEMENT_SPREAD) flags.push('high-disagreement');
    if (bid.score < input.passingScore) flags.push('below-passing');
    if (tied.has(bid)) flags.push('tie-at-cutoff');
    const isShortlisted = shortlisted.has(bid);
    return {
      bidId: bid.input.bidId,
      rank: index + 1,
      score: bid.score,
      interval: bid.interval,
      reviewCount: bid.totals.length,
      flags,
      shortlisted: isShortlisted,
      status: isShortlisted ? 'shortlisted' : 'rejected',
      totals: bid.totals,
      criteria: criterionMeans(input, bid.input),
    };
  });

  const { minReviews, platformMean, platformSpread } = input.calibration;
  const parameters: AggregationParameters = {
    minReviews,
    platformMean,
    platformSpread,
    spreadFloor: SPREAD_FLOOR,
    trimFrom: TRIM_FROM,
    disagreementSpread: DISAGREEMENT_SPREAD,
    intervalLevel: INTERVAL_LEVEL,
    bootstrapSamples: BOOTSTRAP_SAMPLES,
  };
  return {
    method: AGGREGATION_METHOD,
    parameters,
    reviewerCalibration: reviewerCalibration(input),
    bids,
    outcome: shortlisted.size > 0 ? 'shortlisted' : 'failed',
  };
}
