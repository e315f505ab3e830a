import { clamp, round4 } from './statistics';
import type { CalibrationInput, ReviewerHistory } from './types';

/**
 * Floor, in points on 0–100, of every spread that calibration divides by or multiplies with: a reviewer's
 * spread s_r (a reviewer who gives everyone 70 ± 0.5 would otherwise have tiny differences blown up into
 * the whole scale) and the platform spread σ (a near-zero σ would squash every calibrated total onto μ).
 * With both below the floor, calibration is a plain shift t − m_r + μ.
 */
export const SPREAD_FLOOR = 5;

const NO_HISTORY: ReviewerHistory = { count: 0, mean: 0, spread: 0 };

/** Throws a RangeError on calibration parameters that cannot be used. */
export function assertCalibration(calibration: CalibrationInput): void {
  const { minReviews, platformMean, platformSpread, reviewers } = calibration;
  if (!Number.isInteger(minReviews) || minReviews < 1) throw new RangeError('minReviews must be an integer ≥ 1');
  if (!Number.isFinite(platformMean)) throw new RangeError('platformMean must be a finite number');
  if (!Number.isFinite(platformSpread) || platformSpread < 0) throw new RangeError('platformSpread must be ≥ 0');
  for (const [reviewerId, history] of Object.entries(reviewers)) {
    const { count, mean, spread } = history;
    if (!Number.isInteger(count) || count < 0 || !Number.isFinite(mean) || !Number.isFinite(spread) || spread < 0) {
      throw new RangeError(`reviewer "${reviewerId}": history needs an integer count ≥ 0, a finite mean and a spread ≥ 0`);
    }
  }
}

/** The reviewer's history, or count 0 / mean 0 / spread 0 when the platform has none. */
export function historyOf(calibration: CalibrationInput, reviewerId: string): ReviewerHistory {
  return Object.hasOwn(calibration.reviewers, reviewerId) ? calibration.reviewers[reviewerId] : NO_HISTORY;
}

/** Whether a reviewer with this history is calibrated: count ≥ minReviews. */
export function calibrationApplies(calibration: CalibrationInput, history: ReviewerHistory): boolean {
  return history.count >= calibration.minReviews;
}

/**
 * μ' + σ' × (t − m_r) / s_r' with σ' = max(σ, SPREAD_FLOOR) and s_r' = max(s_r, SPREAD_FLOOR), clamped to
 * [0, 100] and rounded to 4 decimals; the raw total itself when the reviewer has fewer than minReviews
 * reviews.
 */
export function calibrateTotal(
  raw: number,
  history: ReviewerHistory,
  calibration: CalibrationInput,
): { calibrated: number; applied: boolean } {
  if (!calibrationApplies(calibration, history)) return { calibrated: raw, applied: false };
  const platformSpread = Math.max(calibration.platformSpread, SPREAD_FLOOR);
  const reviewerSpread = Math.max(history.spread, SPREAD_FLOOR);
  const calibrated = calibration.platformMean + (platformSpread * (raw - history.mean)) / reviewerSpread;
  return { calibrated: round4(clamp(calibrated, 0, 100)), applied: true };
}
