import { evaluateRankings, firstHitRank, metricsFromRanks, quantile } from './evaluation';

describe('evaluateRankings', () => {
  const ranking = (winnerAt: number | null, length = 60) =>
    Array.from({ length }, (_, i) => (winnerAt !== null && i + 1 === winnerAt ? 'winner' : `other-${i}`));

  it('computes HR@k and MRR@10 from known ranks', () => {
    // First-hit ranks 1, 3, 7, 12, 45 and a miss:
    //   HR@1 = 1/6, HR@5 = 2/6, HR@10 = 3/6, HR@50 = 5/6;
    //   MRR@10 = (1 + 1/3 + 1/7 + 0 + 0 + 0) / 6 = 1.476190 / 6 = 0.246032.
    const outcomes = [1, 3, 7, 12, 45, null].map((rank) => ({ expected: ['winner'], ranking: ranking(rank) }));
    const metrics = evaluateRankings(outcomes);
    expect(metrics['HR@1']).toBeCloseTo(1 / 6, 12);
    expect(metrics['HR@5']).toBeCloseTo(2 / 6, 12);
    expect(metrics['HR@10']).toBeCloseTo(3 / 6, 12);
    expect(metrics['HR@50']).toBeCloseTo(5 / 6, 12);
    expect(metrics['MRR@10']).toBeCloseTo(0.246032, 6);
    expect(metrics).toEqual(metricsFromRanks([1, 3, 7, 12, 45, null]));
  });

  it('counts a winner missing from the ranking (or the file) as a miss and uses the first of several winners', () => {
    expect(firstHitRank({ expected: ['absent'], ranking: ['a', 'b'] })).toBeNull();
    expect(firstHitRank({ expected: ['b', 'a'], ranking: ['x', 'a', 'b'] })).toBe(2);
    expect(firstHitRank({ expected: [], ranking: ['a'] })).toBeNull();
    expect(evaluateRankings([{ expected: ['gone'], ranking: [] }])).toEqual({ 'HR@1': 0, 'HR@5': 0, 'HR@10': 0, 'HR@50': 0, 'MRR@10': 0 });
    expect(evaluateRankings([])).toEqual({ 'HR@1': 0, 'HR@5': 0, 'HR@10': 0, 'HR@50': 0, 'MRR@10': 0 });
  });

  it('takes nearest-rank quantiles', () => {
    const values = [5, 1, 4, 2, 3];
    expect(quantile(values, 0.5)).toBe(3);
    expect(quantile(values, 0.99)).toBe(5);
    expect(quantile(values, 0)).toBe(1);
    expect(quantile([], 0.5)).toBe(0);
  });
});
