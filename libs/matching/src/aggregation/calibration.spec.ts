import { calibrateTotal, SPREAD_FLOOR } from './calibration';
import type { CalibrationInput } from './types';

const calibration: CalibrationInput = { minReviews: 8, platformMean: 60, platformSpread: 10, reviewers: {} };

describe('calibrateTotal', () => {
  it('maps a total to μ + σ × (t − m_r) / s_r (hand example)', () => {
    // A harsh reviewer: mean 40, spread 8. A 48 is one spread above their mean → one platform spread above μ.
    expect(calibrateTotal(48, { count: 8, mean: 40, spread: 8 }, calibration)).toEqual({ calibrated: 70, applied: true });
    // A lenient one: mean 80, spread 10. Their 75 is half a spread below → 55.
    expect(calibrateTotal(75, { count: 30, mean: 80, spread: 10 }, calibration)).toEqual({ calibrated: 55, applied: true });
    // Their own mean maps to μ.
    expect(calibrateTotal(80, { count: 30, mean: 80, spread: 10 }, calibration).calibrated).toBe(60);
  });

  it('counts a reviewer with fewer than minReviews reviews raw', () => {
    expect(calibrateTotal(48, { count: 7, mean: 40, spread: 8 }, calibration)).toEqual({ calibrated: 48, applied: false });
    expect(calibrateTotal(48, { count: 0, mean: 0, spread: 0 }, calibration)).toEqual({ calibrated: 48, applied: false });
  });

  it('floors the reviewer spread and the platform spread', () => {
    expect(SPREAD_FLOOR).toBe(5);
    // s_r = 0.5 would make 42 → 60 + 10 × 2 / 0.5 = 100; floored to 5 it is 64.
    expect(calibrateTotal(42, { count: 9, mean: 40, spread: 0.5 }, calibration).calibrated).toBe(64);
    // σ = 1 would squash everything onto μ; floored to 5 with s_r floored too, calibration is a plain shift.
    const flat = { ...calibration, platformSpread: 1 };
    expect(calibrateTotal(47, { count: 9, mean: 40, spread: 2 }, flat).calibrated).toBe(67);
  });

  it('clamps to [0, 100] and rounds to 4 decimals', () => {
    expect(calibrateTotal(100, { count: 9, mean: 40, spread: 5 }, calibration).calibrated).toBe(100);
    expect(calibrateTotal(0, { count: 9, mean: 90, spread: 5 }, calibration).calibrated).toBe(0);
    // 60 + 10 × 1 / 30 = 60.333…
    expect(calibrateTotal(41, { count: 9, mean: 40, spread: 30 }, calibration).calibrated).toBe(60.3333);
  });
});
