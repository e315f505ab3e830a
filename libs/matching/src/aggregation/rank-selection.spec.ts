import { selectRanks, selectRanksOfTally } from './rank-selection';
import { seededRandom } from './seeded-random';

function sortedRanks(values: number[], lower: number, upper: number): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[lower - 1], sorted[upper - 1]];
}

describe('selectRanks', () => {
  const random = seededRandom('rank-selection');
  const cases: Array<[string, () => number]> = [
    ['continuous', () => random() * 100],
    ['few distinct values', () => Math.floor(random() * 7) * 12.5],
    ['concentrated with outliers', () => (random() < 0.01 ? random() * 1000 : 50 + random() * 1e-6)],
  ];

  it.each(cases)('gives the values a full sort gives: %s', (_, draw) => {
    for (let round = 0; round < 20; round++) {
      const values = Array.from({ length: 1000 }, draw);
      for (const [lower, upper] of [
        [50, 950],
        [1, 1000],
        [500, 501],
        [250, 250],
      ] as const) {
        expect(selectRanks(Float64Array.from(values), values.length, lower, upper)).toEqual(sortedRanks(values, lower, upper));
      }
    }
  });

  it('handles equal values and a count below the buffer length', () => {
    expect(selectRanks(new Float64Array(1000).fill(42), 1000, 50, 950)).toEqual([42, 42]);
    const values = Float64Array.from([5, 1, 4, 2, 3, 99, 99]);
    expect(selectRanks(values, 5, 2, 4)).toEqual([2, 4]);
  });
});

describe('selectRanksOfTally', () => {
  it('reads ranks from values with counts, few or many distinct', () => {
    expect(selectRanksOfTally([30, 10, 20], [5, 3, 2], 3, 6)).toEqual([10, 30]);
    expect(selectRanksOfTally([30, 10, 20], [5, 3, 2], 4, 5)).toEqual([20, 20]);
    const random = seededRandom('tally');
    const values = Array.from({ length: 200 }, () => random() * 100);
    const counts = values.map(() => 1 + Math.floor(random() * 9));
    const expanded = values.flatMap((value, i) => Array<number>(counts[i]).fill(value));
    const [lower, upper] = [Math.ceil(expanded.length * 0.05), Math.ceil(expanded.length * 0.95)];
    expect(selectRanksOfTally([...values], [...counts], lower, upper)).toEqual(sortedRanks(expanded, lower, upper));
  });
});
