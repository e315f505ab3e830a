import { reviewTotal } from './review-total';
import { round4 } from './statistics';

const criteria = [
  { key: 'technical', weight: 50, maxScore: 10 },
  { key: 'team', weight: 30, maxScore: 5 },
  { key: 'price', weight: 20, maxScore: 100 },
];

describe('reviewTotal', () => {
  it('is Σ weight × score / maxScore on 0–100', () => {
    // 50 × 8/10 + 30 × 4/5 + 20 × 55/100 = 40 + 24 + 11
    expect(reviewTotal(criteria, { technical: 8, team: 4, price: 55 })).toBe(75);
    expect(reviewTotal(criteria, { technical: 10, team: 5, price: 100 })).toBe(100);
    expect(reviewTotal(criteria, { technical: 0, team: 0, price: 0 })).toBe(0);
  });

  it('rounds to 4 decimals and ignores scores outside the scorecard', () => {
    const thirds = [
      { key: 'a', weight: 100 / 3, maxScore: 3 },
      { key: 'b', weight: 100 / 3, maxScore: 3 },
      { key: 'c', weight: 100 / 3, maxScore: 3 },
    ];
    // (100/3) × (1/3) × 3 = 33.333…
    expect(reviewTotal(thirds, { a: 1, b: 1, c: 1, extra: 3 })).toBe(33.3333);
    expect(reviewTotal(criteria, { technical: 7.77777, team: 0, price: 0 })).toBe(38.8889);
  });

  it('rejects a missing, non-numeric or out-of-range score', () => {
    expect(() => reviewTotal(criteria, { technical: 8, team: 4 })).toThrow(/price/);
    expect(() => reviewTotal(criteria, { technical: 11, team: 4, price: 5 })).toThrow(RangeError);
    expect(() => reviewTotal(criteria, { technical: -1, team: 4, price: 5 })).toThrow(RangeError);
    expect(() => reviewTotal(criteria, { technical: Number.NaN, team: 4, price: 5 })).toThrow(RangeError);
    expect(() => reviewTotal([{ key: 'constructor', weight: 100, maxScore: 10 }], {})).toThrow(/constructor/);
  });

  it('rejects a scorecard whose weights do not sum to 100, duplicate keys or maxScore ≤ 0', () => {
    expect(() => reviewTotal([{ key: 'a', weight: 90, maxScore: 10 }], { a: 5 })).toThrow(/sum to 90/);
    expect(() =>
      reviewTotal(
        [
          { key: 'a', weight: 50, maxScore: 10 },
          { key: 'a', weight: 50, maxScore: 10 },
        ],
        { a: 5 },
      ),
    ).toThrow(/twice/);
    expect(() => reviewTotal([{ key: 'a', weight: 100, maxScore: 0 }], { a: 0 })).toThrow(/maxScore/);
    expect(() => reviewTotal([], {})).toThrow(/no criteria/);
  });
});

describe('round4', () => {
  it('rounds half away from zero and never returns -0', () => {
    expect(round4(1.23456)).toBe(1.2346);
    expect(round4(1.23454)).toBe(1.2345);
    expect(round4(-1.23456)).toBe(-1.2346);
    expect(Object.is(round4(-0.00001), 0)).toBe(true);
  });
});
