import { AGGREGATION_METHOD, aggregateReviews, DISAGREEMENT_SPREAD, TRIM_FROM } from './aggregate-reviews';
import { SPREAD_FLOOR } from './calibration';
import type { AggregatedBid, AggregationInput, CalibrationInput } from './types';

/** One criterion worth 100 with maxScore 100: a review's total is its score. */
const criteria = [{ key: 'q', weight: 100, maxScore: 100 }];
const noCalibration: CalibrationInput = { minReviews: 8, platformMean: 60, platformSpread: 12, reviewers: {} };

function bid(bidId: string, totals: number[], firstSubmittedAt = '2026-03-01T00:00:00Z') {
  return { bidId, firstSubmittedAt, reviews: totals.map((q, i) => ({ reviewerId: `r${i}`, scores: { q } })) };
}

function input(bids: AggregationInput['bids'], overrides: Partial<AggregationInput> = {}): AggregationInput {
  return { criteria, passingScore: 60, shortlistSize: 2, bids, calibration: noCalibration, seed: 'challenge-1', ...overrides };
}

function byId(bids: AggregatedBid[]): Record<string, AggregatedBid> {
  return Object.fromEntries(bids.map((b) => [b.bidId, b]));
}

describe('aggregateReviews', () => {
  it('scores a bid as the mean of its totals and records method and parameters', () => {
    const result = aggregateReviews(input([bid('a', [60, 70, 80])]));
    expect(result.method).toBe(AGGREGATION_METHOD);
    expect(result.parameters).toEqual({
      minReviews: 8,
      platformMean: 60,
      platformSpread: 12,
      spreadFloor: SPREAD_FLOOR,
      trimFrom: TRIM_FROM,
      disagreementSpread: DISAGREEMENT_SPREAD,
      intervalLevel: 0.9,
      bootstrapSamples: 1000,
    });
    const [a] = result.bids;
    expect(a).toMatchObject({ bidId: 'a', rank: 1, score: 70, reviewCount: 3, flags: [], shortlisted: true, status: 'shortlisted' });
    expect(a.totals).toEqual([
      { reviewerId: 'r0', raw: 60, calibrated: 60, calibrationApplied: false },
      { reviewerId: 'r1', raw: 70, calibrated: 70, calibrationApplied: false },
      { reviewerId: 'r2', raw: 80, calibrated: 80, calibrationApplied: false },
    ]);
    expect(result.outcome).toBe('shortlisted');
  });

  it('reports the mean raw score per criterion', () => {
    const scorecard = [
      { key: 'tech', weight: 60, maxScore: 10 },
      { key: 'price', weight: 40, maxScore: 5 },
    ];
    const reviews = [
      { reviewerId: 'x', scores: { tech: 8, price: 4 } },
      { reviewerId: 'y', scores: { tech: 7, price: 2 } },
      { reviewerId: 'z', scores: { tech: 6, price: 5 } },
    ];
    const [only] = aggregateReviews(input([{ bidId: 'a', firstSubmittedAt: '2026-03-01T00:00:00Z', reviews }], { criteria: scorecard })).bids;
    expect(only.criteria).toEqual([
      { key: 'tech', mean: 7, maxScore: 10 },
      { key: 'price', mean: 3.6667, maxScore: 5 },
    ]);
    // totals 80, 58, 76 → mean 71.3333
    expect(only.totals.map((t) => t.raw)).toEqual([80, 58, 76]);
    expect(only.score).toBe(71.3333);
  });

  it('drops the single highest and lowest total from five reviews on, not at four', () => {
    const { bids } = aggregateReviews(input([bid('five', [0, 60, 70, 80, 100]), bid('four', [0, 60, 80, 100])]));
    const { five, four } = byId(bids);
    expect(five.score).toBe(70);
    expect(five.flags).toContain('trimmed');
    expect(four.score).toBe(60);
    expect(four.flags).not.toContain('trimmed');
  });

  it('flags high disagreement above a population spread of 15, not at 15', () => {
    const { bids } = aggregateReviews(input([bid('wide', [50, 50, 90]), bid('edge', [55, 85]), bid('calm', [60, 70, 80])]));
    const { wide, edge, calm } = byId(bids);
    expect(wide.flags).toContain('high-disagreement'); // population spread 18.86
    expect(edge.flags).not.toContain('high-disagreement'); // population spread exactly 15 (the sample one is 21.2)
    expect(calm.flags).not.toContain('high-disagreement');
  });

  it('flags below-passing under the passing score; a score equal to it passes', () => {
    const { bids } = aggregateReviews(input([bid('at', [60, 60, 60]), bid('under', [59, 59, 59.9999])], { shortlistSize: 5 }));
    const { at, under } = byId(bids);
    expect(at.flags).not.toContain('below-passing');
    expect(at.status).toBe('shortlisted');
    expect(under.flags).toContain('below-passing');
    expect(under.status).toBe('rejected');
  });

  it('flags calibrated when any total was calibrated', () => {
    const calibration: CalibrationInput = {
      minReviews: 8,
      platformMean: 60,
      platformSpread: 10,
      reviewers: { r0: { count: 8, mean: 40, spread: 10 }, r1: { count: 7, mean: 90, spread: 10 } },
    };
    const { bids, reviewerCalibration } = aggregateReviews(input([bid('mixed', [50, 70]), { ...bid('raw', [80]), reviews: [{ reviewerId: 'r1', scores: { q: 80 } }] }], { calibration }));
    const { mixed, raw } = byId(bids);
    expect(mixed.flags).toContain('calibrated');
    expect(mixed.totals).toEqual([
      { reviewerId: 'r0', raw: 50, calibrated: 70, calibrationApplied: true },
      { reviewerId: 'r1', raw: 70, calibrated: 70, calibrationApplied: false },
    ]);
    expect(mixed.score).toBe(70);
    expect(raw.flags).not.toContain('calibrated');
    expect(reviewerCalibration).toEqual({
      r0: { count: 8, mean: 40, spread: 10, applied: true },
      r1: { count: 7, mean: 90, spread: 10, applied: false },
    });
  });

  it('breaks score ties by first submission, then by bid id', () => {
    const { bids } = aggregateReviews(
      input(
        [
          bid('b-late', [70], '2026-03-02T00:00:00Z'),
          bid('c-early', [70], '2026-03-01T08:00:00+08:00'), // = 2026-03-01T00:00:00Z
          bid('a-early', [70], '2026-03-01T00:00:00Z'),
          bid('d-best', [71], '2026-03-09T00:00:00Z'),
        ],
        { shortlistSize: 10 },
      ),
    );
    expect(bids.map((b) => [b.bidId, b.rank])).toEqual([
      ['d-best', 1],
      ['a-early', 2],
      ['c-early', 3],
      ['b-late', 4],
    ]);
  });

  it('ranks on scores rounded to 4 decimals, so that the audit data recomputes the order exactly', () => {
    // 70.00004 and 70.00001 are both 70 after rounding: a tie, broken by submission time.
    const { bids } = aggregateReviews(input([bid('x', [70.00004], '2026-03-02T00:00:00Z'), bid('y', [70.00001], '2026-03-01T00:00:00Z')]));
    expect(bids.map((b) => [b.bidId, b.score])).toEqual([
      ['y', 70],
      ['x', 70],
    ]);
  });

  it('shortlists at most shortlistSize bids at or above the passing score and rejects the rest', () => {
    const bids = [bid('a', [90]), bid('b', [85]), bid('c', [80]), bid('d', [75]), bid('e', [50])];
    const result = aggregateReviews(input(bids, { shortlistSize: 3 }));
    expect(result.bids.map((b) => b.status)).toEqual(['shortlisted', 'shortlisted', 'shortlisted', 'rejected', 'rejected']);
    expect(result.bids.filter((b) => b.shortlisted).map((b) => b.bidId)).toEqual(['a', 'b', 'c']);
    const fewPass = aggregateReviews(input(bids, { shortlistSize: 3, passingScore: 84 }));
    expect(fewPass.bids.filter((b) => b.shortlisted).map((b) => b.bidId)).toEqual(['a', 'b']);
    expect(fewPass.outcome).toBe('shortlisted');
  });

  it('fails when no bid reaches the passing score: all rejected, no tie flags', () => {
    const result = aggregateReviews(input([bid('a', [50, 55, 58]), bid('b', [52, 57, 59])]));
    expect(result.outcome).toBe('failed');
    expect(result.bids.every((b) => b.status === 'rejected' && !b.shortlisted)).toBe(true);
    expect(result.bids.flatMap((b) => b.flags)).not.toContain('tie-at-cutoff');
    expect(aggregateReviews(input([])).outcome).toBe('failed');
  });

  it('flags tie-at-cutoff on rejected bids overlapping the last shortlisted one, and on that one', () => {
    const result = aggregateReviews(
      input([bid('first', [88, 90, 92]), bid('last', [60, 70, 80]), bid('close', [58, 68, 78]), bid('far', [20, 21, 22])]),
    );
    const { first, last, close, far } = byId(result.bids);
    expect([first.status, last.status, close.status, far.status]).toEqual(['shortlisted', 'shortlisted', 'rejected', 'rejected']);
    expect(close.interval[0]).toBeLessThanOrEqual(last.interval[1]);
    expect(close.flags).toContain('tie-at-cutoff');
    expect(last.flags).toContain('tie-at-cutoff');
    expect(first.flags).not.toContain('tie-at-cutoff');
    expect(far.flags).not.toContain('tie-at-cutoff');
  });

  it('does not flag tie-at-cutoff when nothing rejected overlaps, even if shortlisted bids overlap each other', () => {
    const result = aggregateReviews(input([bid('a', [70, 72, 74]), bid('b', [69, 71, 73]), bid('c', [20, 21, 22])]));
    const { a, b } = byId(result.bids);
    expect(a.interval[0]).toBeLessThanOrEqual(b.interval[1]); // they overlap, both shortlisted
    expect(result.bids.flatMap((x) => x.flags)).not.toContain('tie-at-cutoff');
  });

  it('gives an interval containing the score, [t, t] for one review', () => {
    const result = aggregateReviews(
      input([bid('one', [66.5]), bid('three', [40, 75, 95]), bid('six', [10, 55, 60, 62, 70, 100]), bid('skewed', [0, 0, 0, 0, 100])], {
        shortlistSize: 4,
      }),
    );
    const { one } = byId(result.bids);
    expect(one.interval).toEqual([66.5, 66.5]);
    for (const b of result.bids) {
      expect(b.interval[0]).toBeLessThanOrEqual(b.score);
      expect(b.interval[1]).toBeGreaterThanOrEqual(b.score);
    }
  });

  it('scores a bid without reviews 0 with interval [0, 0], ranks it last and rejects it', () => {
    const result = aggregateReviews(input([bid('empty', []), bid('zero', [0])], { passingScore: 0 }));
    const { empty, zero } = byId(result.bids);
    expect(empty).toMatchObject({ rank: 2, score: 0, interval: [0, 0], reviewCount: 0, status: 'rejected', shortlisted: false });
    expect(empty.criteria).toEqual([{ key: 'q', mean: 0, maxScore: 100 }]);
    expect(zero.status).toBe('shortlisted');
    expect(empty.flags).not.toContain('tie-at-cutoff');
  });

  it('is deterministic: the same input, even through JSON, gives the identical output', () => {
    const bids = Array.from({ length: 30 }, (_, i) => bid(`bid-${i}`, [40 + ((i * 7) % 50), 50 + ((i * 11) % 45), 45 + ((i * 13) % 40)]));
    const first = aggregateReviews(input(bids));
    const again = aggregateReviews(input(bids));
    expect(again).toEqual(first);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    const replayed = aggregateReviews(JSON.parse(JSON.stringify(input(bids))) as AggregationInput);
    expect(replayed).toEqual(JSON.parse(JSON.stringify(first)));
    // Another seed may move interval ends, never scores or ranks.
    const reseeded = aggregateReviews(input(bids, { seed: 'challenge-2' }));
    expect(reseeded.bids.map((b) => [b.bidId, b.score])).toEqual(first.bids.map((b) => [b.bidId, b.score]));
  });

  it('rejects unusable input', () => {
    expect(() => aggregateReviews(input([bid('a', [1]), bid('a', [2])]))).toThrow(/twice/);
    expect(() => aggregateReviews(input([bid('a', [1], 'yesterday')]))).toThrow(/firstSubmittedAt/);
    expect(() => aggregateReviews(input([], { shortlistSize: 0 }))).toThrow(/shortlistSize/);
    expect(() => aggregateReviews(input([], { passingScore: 101 }))).toThrow(/passingScore/);
    expect(() => aggregateReviews(input([], { calibration: { ...noCalibration, platformMean: Number.NaN } }))).toThrow(/platformMean/);
    expect(() => aggregateReviews(input([bid('a', [120])]))).toThrow(RangeError);
  });

  it('aggregates 6,000 reviews (2,000 bids × 3) well within budget (the bench measures the ≤ 50 ms bar)', () => {
    const many = syntheticChallenge(2000, 500);
    aggregateReviews(many); // warm-up
    const started = performance.now();
    const result = aggregateReviews(many);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.bids).toHaveLength(2000);
    expect(result.bids.filter((b) => b.shortlisted)).toHaveLength(10);
  });
});

/** 2,000 bids × 3 reviews over 500 reviewers with histories: the shape of QUALITY.md's aggregation bar. */
function syntheticChallenge(bidCount: number, reviewerCount: number): AggregationInput {
  let state = 12345;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const reviewers: CalibrationInput['reviewers'] = {};
  for (let r = 0; r < reviewerCount; r++) reviewers[`rev-${r}`] = { count: 5 + Math.floor(next() * 40), mean: 40 + next() * 40, spread: 2 + next() * 20 };
  const bids = Array.from({ length: bidCount }, (_, b) => ({
    bidId: `bid-${String(b).padStart(5, '0')}`,
    firstSubmittedAt: new Date(Date.UTC(2026, 2, 1) + b * 60_000).toISOString(),
    reviews: [0, 1, 2].map(() => ({ reviewerId: `rev-${Math.floor(next() * reviewerCount)}`, scores: { q: Math.round(next() * 1000) / 10 } })),
  }));
  return { criteria, passingScore: 60, shortlistSize: 10, bids, calibration: { ...noCalibration, reviewers }, seed: 'perf' };
}
