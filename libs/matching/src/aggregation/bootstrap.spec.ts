import { BOOTSTRAP_SAMPLES, bootstrapInterval, indicesPerWord, INTERVAL_LEVEL } from './bootstrap';
import { seededRandom, seedKey, sfc32, streamState } from './seeded-random';
import { bidStatistic, intervalRanks } from './statistics';

/**
 * The textbook bootstrap, written plainly from the documented draw rule: every resample's statistic kept,
 * fully sorted, nearest ranks.
 */
function referenceInterval(unsorted: number[], state: Uint32Array, trimFrom: number): [number, number] {
  const totals = [...unsorted].sort((a, b) => a - b);
  const n = totals.length;
  const perWord = indicesPerWord(n);
  // Digits per word actually read: whole resamples when one fits, else all k.
  const used = perWord >= n ? Math.floor(perWord / n) * n : perWord;
  let word = 0;
  let left = 0;
  const digit = () => {
    if (left === 0) {
      word = sfc32(state);
      left = used;
    }
    left--;
    word *= n;
    const index = Math.floor(word / 2 ** 32);
    word -= index * 2 ** 32;
    return index;
  };
  const statistics: number[] = [];
  for (let s = 0; s < BOOTSTRAP_SAMPLES; s++) {
    const resample = Array.from({ length: n }, () => totals[digit()]);
    if (perWord < n) left = 0; // a long resample skips what is left of its last word
    statistics.push(bidStatistic(resample, trimFrom));
  }
  statistics.sort((a, b) => a - b);
  const [lower, upper] = intervalRanks(BOOTSTRAP_SAMPLES, INTERVAL_LEVEL);
  return [statistics[lower - 1], statistics[upper - 1]];
}

describe('sfc32 and seeding', () => {
  it('matches the published sfc32 recurrence', () => {
    let [a, b, c, d] = [0x9e3779b9 | 0, 0x243f6a88, 0xb7e15162 | 0, 1];
    const reference = () => {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      return t >>> 0;
    };
    const state = Uint32Array.of(0x9e3779b9, 0x243f6a88, 0xb7e15162, 1);
    for (let i = 0; i < 10_000; i++) expect(sfc32(state)).toBe(reference());
  });

  it('gives every stream its own sequence, the same on every run', () => {
    const key = seedKey('challenge-1');
    expect(Array.from(streamState(key, 'bid-a'))).toEqual(Array.from(streamState(key, 'bid-a')));
    expect(Array.from(streamState(key, 'bid-a'))).not.toEqual(Array.from(streamState(key, 'bid-b')));
    expect(Array.from(streamState(seedKey('challenge-2'), 'bid-a'))).not.toEqual(Array.from(streamState(key, 'bid-a')));
    const random = seededRandom('s', 'x');
    const draws = Array.from({ length: 1000 }, () => random());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((sum, u) => sum + u, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});

describe('bootstrapInterval', () => {
  it('reads as many indices from a word as leave 16 bits unread', () => {
    expect([2, 3, 4, 5, 6, 7, 10, 16, 300].map(indicesPerWord)).toEqual([16, 10, 8, 6, 6, 5, 4, 4, 1]);
  });

  it('uses the nearest ranks 50 and 950 of 1,000 resamples', () => {
    expect(intervalRanks(BOOTSTRAP_SAMPLES, INTERVAL_LEVEL)).toEqual([50, 950]);
  });

  it('equals the textbook bootstrap (all resamples, sorted) for 2 to 9 totals', () => {
    const random = seededRandom('bootstrap-reference');
    for (let n = 2; n <= 9; n++) {
      for (let round = 0; round < 5; round++) {
        const totals = Array.from({ length: n }, () => Math.round(random() * 1_000_000) / 10_000);
        const key = seedKey(`reference-${round}`);
        const fast = bootstrapInterval(totals, streamState(key, `bid-${n}`), 5);
        expect(fast).toEqual(referenceInterval(totals, streamState(key, `bid-${n}`), 5));
      }
    }
  });

  it('gives [0, 0] without totals and [t, t] for one', () => {
    const key = seedKey('k');
    expect(bootstrapInterval([], streamState(key, 'a'), 5)).toEqual([0, 0]);
    expect(bootstrapInterval([72.5], streamState(key, 'a'), 5)).toEqual([72.5, 72.5]);
  });

  it('brackets the statistic and lies within the totals', () => {
    const key = seedKey('k');
    const totals = [52, 61, 70, 78, 90, 41];
    const [low, high] = bootstrapInterval(totals, streamState(key, 'a'), 5);
    const statistic = bidStatistic(totals, 5);
    expect(low).toBeLessThanOrEqual(statistic);
    expect(high).toBeGreaterThanOrEqual(statistic);
    expect(low).toBeGreaterThanOrEqual(41);
    expect(high).toBeLessThanOrEqual(90);
    expect(high - low).toBeGreaterThan(5);
  });
});
