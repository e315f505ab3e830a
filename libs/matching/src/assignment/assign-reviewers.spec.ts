import { assignReviewers, ASSIGNMENT_METHOD, type AssignmentProblem, type AssignmentResult, MAX_AFFINITY, verifyAssignmentCertificate } from './index';
import { seededRandom, syntheticAssignmentProblem } from './synthetic-problem';

/** Best (assigned, totalAffinity) by exhaustive search: every subset of each bid's candidates within its slots,
 * bid after bid, memoised on the reviewers' remaining capacities (the only state later bids depend on). */
function bruteForce(problem: AssignmentProblem): { assigned: number; totalAffinity: number } {
  const best = new Map<string, number>(); // pair (i, j) → affinity, duplicates keep the highest
  for (const c of problem.candidates) {
    const key = `${c.bid},${c.reviewer}`;
    best.set(key, Math.max(best.get(key) ?? -1, c.affinity));
  }
  const options = problem.bids.map((bid, b) => {
    const list = problem.reviewers.map((_, r) => ({ r, a: best.get(`${b},${r}`) })).filter((x) => x.a !== undefined);
    const subsets: Array<{ reviewers: number[]; affinity: number }> = [];
    for (let mask = 0; mask < 1 << list.length; mask++) {
      const chosen = list.filter((_, i) => mask & (1 << i));
      if (chosen.length <= bid.slots) subsets.push({ reviewers: chosen.map((x) => x.r), affinity: chosen.reduce((s, x) => s + (x.a ?? 0), 0) });
    }
    return subsets;
  });
  const memo = new Map<string, [number, number]>();
  const search = (b: number, remaining: number[]): [number, number] => {
    if (b === problem.bids.length) return [0, 0];
    const key = `${b}:${remaining.join(',')}`;
    const known = memo.get(key);
    if (known) return known;
    let top: [number, number] = [-1, -1];
    for (const option of options[b]) {
      if (option.reviewers.some((r) => remaining[r] === 0)) continue;
      const next = [...remaining];
      for (const r of option.reviewers) next[r]--;
      const [count, affinity] = search(b + 1, next);
      const candidate: [number, number] = [count + option.reviewers.length, affinity + option.affinity];
      if (candidate[0] > top[0] || (candidate[0] === top[0] && candidate[1] > top[1])) top = candidate;
    }
    memo.set(key, top);
    return top;
  };
  const [assigned, totalAffinity] = search(0, problem.reviewers.map((r) => r.capacity));
  return { assigned, totalAffinity };
}

function randomProblem(random: () => number, maxBids: number, maxReviewers: number): AssignmentProblem {
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const bids = Array.from({ length: int(1, maxBids) }, (_, i) => ({ id: `b${i}`, slots: int(0, 3) }));
  const reviewers = Array.from({ length: int(1, maxReviewers) }, (_, i) => ({ id: `r${i}`, capacity: int(0, 3) }));
  const candidates: AssignmentProblem['candidates'] = [];
  const forbidden = random() * 0.6;
  for (let bid = 0; bid < bids.length; bid++) {
    for (let reviewer = 0; reviewer < reviewers.length; reviewer++) {
      if (random() < forbidden) continue;
      candidates.push({ bid, reviewer, affinity: int(0, 12) });
      if (random() < 0.05) candidates.push({ bid, reviewer, affinity: int(0, 12) }); // a duplicate pair
    }
  }
  return { bids, reviewers, candidates };
}

/** Feasibility, checked directly: candidate pairs only, each once, with its best affinity, within limits. */
function expectFeasible(problem: AssignmentProblem, result: AssignmentResult): void {
  const allowed = new Map<string, number>();
  for (const c of problem.candidates) allowed.set(`${c.bid},${c.reviewer}`, Math.max(allowed.get(`${c.bid},${c.reviewer}`) ?? -1, c.affinity));
  const seen = new Set<string>();
  const perBid = new Array<number>(problem.bids.length).fill(0);
  const perReviewer = new Array<number>(problem.reviewers.length).fill(0);
  for (const pair of result.pairs) {
    const key = `${pair.bid},${pair.reviewer}`;
    expect(allowed.get(key)).toBe(pair.affinity); // a candidate (no conflict), with its affinity
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    perBid[pair.bid]++;
    perReviewer[pair.reviewer]++;
  }
  problem.bids.forEach((bid, b) => expect(perBid[b]).toBeLessThanOrEqual(bid.slots));
  problem.reviewers.forEach((reviewer, r) => expect(perReviewer[r]).toBeLessThanOrEqual(reviewer.capacity));
  const sorted = [...result.pairs].sort((x, y) => x.bid - y.bid || x.reviewer - y.reviewer);
  expect(result.pairs).toEqual(sorted);
  expect(result.assigned).toBe(result.pairs.length);
  expect(result.totalAffinity).toBe(result.pairs.reduce((sum, p) => sum + p.affinity, 0));
  expect(result.required).toBe(problem.bids.reduce((sum, b) => sum + b.slots, 0));
  const shortages = problem.bids.map((bid, b) => ({ bid: b, missing: bid.slots - perBid[b] })).filter((s) => s.missing > 0);
  expect(result.shortages).toEqual(shortages);
}

describe('assignReviewers', () => {
  it('equals exhaustive search on 400 random small instances (up to 5 bids × 5 reviewers)', () => {
    const random = seededRandom(20_260_101);
    let withShortage = 0;
    const widenings = new Map<string, number>();
    for (let round = 0; round < 400; round++) {
      const problem = randomProblem(random, 5, 5);
      const expected = bruteForce(problem);
      const result = assignReviewers(problem);
      expect({ round, assigned: result.assigned, totalAffinity: result.totalAffinity }).toEqual({ round, ...expected });
      expect(result.certificate.optimal).toBe(true);
      expect(result.certificate.minReducedCost).toBeGreaterThanOrEqual(0);
      expect(verifyAssignmentCertificate(problem, result).optimal).toBe(true);
      expectFeasible(problem, result);
      const pruned = assignReviewers(problem, { candidatesPerBid: 1 + (round % 3) });
      expect([pruned.assigned, pruned.totalAffinity]).toEqual([expected.assigned, expected.totalAffinity]);
      expect(pruned.certificate.optimal).toBe(true);
      const widening = pruned.pruning?.widening ?? 'none';
      widenings.set(widening, (widenings.get(widening) ?? 0) + 1);
      if (result.shortages.length > 0) withShortage++;
    }
    expect(withShortage).toBeGreaterThan(50); // the shortage path is exercised, not only complete assignments
    // …and so is every way a pruned solve can end.
    expect(Object.fromEntries(widenings)).toEqual({ none: expect.any(Number), continued: expect.any(Number), restarted: expect.any(Number) });
    for (const count of widenings.values()) expect(count).toBeGreaterThan(5);
  });

  it('handles affinities up to MAX_AFFINITY exactly', () => {
    const random = seededRandom(404);
    for (let round = 0; round < 60; round++) {
      const problem = randomProblem(random, 5, 5);
      const expected = bruteForce(problem);
      // Affinities far beyond the counting-sort range, up to the largest accepted one.
      const scale = (a: number) => (a === 12 ? MAX_AFFINITY : a * 80_000_000);
      const large = { ...problem, candidates: problem.candidates.map((c) => ({ ...c, affinity: scale(c.affinity) })) };
      const result = assignReviewers(large);
      expect(result.assigned).toBe(expected.assigned);
      expect(result.totalAffinity).toBe(bruteForce(large).totalAffinity);
      expect(result.certificate.optimal).toBe(true);
    }
    const one = { bids: [{ id: 'b', slots: 1 }], reviewers: [{ id: 'r', capacity: 1 }] };
    expect(() => assignReviewers({ ...one, candidates: [{ bid: 0, reviewer: 0, affinity: MAX_AFFINITY + 1 }] })).toThrow(RangeError);
  });

  it('holds every constraint on a medium instance with heavy conflicts', () => {
    const problem = syntheticAssignmentProblem({ bids: 300, reviewers: 60, capacity: [0, 15], conflictRate: 0.5, seed: 3 });
    const result = assignReviewers(problem);
    expect(result.method).toBe(ASSIGNMENT_METHOD);
    expectFeasible(problem, result);
    expect(result.certificate.optimal).toBe(true);
    expect(verifyAssignmentCertificate(problem, result)).toMatchObject({ optimal: true, feasible: true, maximum: true, violations: 0 });
  });

  it('reports shortages when there are too few reviewers, and still assigns the maximum', () => {
    // 4 bids × 3 slots = 12, but two reviewers with capacity 2 and 3: at most 5 pairs.
    const problem: AssignmentProblem = {
      bids: [0, 1, 2, 3].map((i) => ({ id: `b${i}`, slots: 3 })),
      reviewers: [
        { id: 'r0', capacity: 2 },
        { id: 'r1', capacity: 3 },
      ],
      candidates: [0, 1, 2, 3].flatMap((bid) => [
        { bid, reviewer: 0, affinity: 10 + bid },
        { bid, reviewer: 1, affinity: 20 - bid },
      ]),
    };
    const result = assignReviewers(problem);
    expect(result.assigned).toBe(5);
    expect(result.required).toBe(12);
    expect(result.totalAffinity).toBe(bruteForce(problem).totalAffinity);
    expect(result.shortages.reduce((sum, s) => sum + s.missing, 0)).toBe(7);
    expect(verifyAssignmentCertificate(problem, result)).toMatchObject({ optimal: true, maximum: true });
    expectFeasible(problem, result);
  });

  it('reports shortages caused by conflicts: a bid with one allowed reviewer misses the rest', () => {
    const problem: AssignmentProblem = {
      bids: [
        { id: 'open', slots: 2 },
        { id: 'conflicted', slots: 3 },
      ],
      reviewers: [0, 1, 2, 3].map((i) => ({ id: `r${i}`, capacity: 5 })),
      candidates: [
        ...[0, 1, 2, 3].map((reviewer) => ({ bid: 0, reviewer, affinity: 50 })),
        { bid: 1, reviewer: 2, affinity: 5 }, // every other reviewer has a conflict of interest
      ],
    };
    const result = assignReviewers(problem);
    expect(result.shortages).toEqual([{ bid: 1, missing: 2 }]);
    expect(result.pairs.filter((p) => p.bid === 1)).toEqual([{ bid: 1, reviewer: 2, affinity: 5 }]);
    expect(result.totalAffinity).toBe(105);
  });

  it('prefers more pairs over more affinity', () => {
    // b0 alone would take r0 (100); giving r0 to b1 (its only reviewer) and r1 to b0 assigns both.
    const problem: AssignmentProblem = {
      bids: [
        { id: 'b0', slots: 1 },
        { id: 'b1', slots: 1 },
      ],
      reviewers: [
        { id: 'r0', capacity: 1 },
        { id: 'r1', capacity: 1 },
      ],
      candidates: [
        { bid: 0, reviewer: 0, affinity: 100 },
        { bid: 0, reviewer: 1, affinity: 0 },
        { bid: 1, reviewer: 0, affinity: 1 },
      ],
    };
    const result = assignReviewers(problem);
    expect(result.pairs).toEqual([
      { bid: 0, reviewer: 1, affinity: 0 },
      { bid: 1, reviewer: 0, affinity: 1 },
    ]);
    expect(result.shortages).toEqual([]);
  });

  it('counts a pair listed twice once, with its highest affinity', () => {
    const problem: AssignmentProblem = {
      bids: [{ id: 'b0', slots: 2 }],
      reviewers: [{ id: 'r0', capacity: 2 }],
      candidates: [
        { bid: 0, reviewer: 0, affinity: 3 },
        { bid: 0, reviewer: 0, affinity: 9 },
      ],
    };
    const result = assignReviewers(problem);
    expect(result.pairs).toEqual([{ bid: 0, reviewer: 0, affinity: 9 }]);
    expect(result.shortages).toEqual([{ bid: 0, missing: 1 }]);
    expect(result.certificate.optimal).toBe(true);
  });

  it('does not depend on the order of the candidates', () => {
    const problem = syntheticAssignmentProblem({ bids: 80, reviewers: 20, seed: 11 });
    const random = seededRandom(5);
    const shuffled = [...problem.candidates];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    expect(assignReviewers({ ...problem, candidates: shuffled })).toEqual(assignReviewers(problem));
  });

  it('handles empty and degenerate problems', () => {
    expect(assignReviewers({ bids: [], reviewers: [], candidates: [] })).toMatchObject({ pairs: [], assigned: 0, required: 0, shortages: [] });
    const noReviewers = assignReviewers({ bids: [{ id: 'b', slots: 2 }], reviewers: [], candidates: [] });
    expect(noReviewers.shortages).toEqual([{ bid: 0, missing: 2 }]);
    expect(noReviewers.certificate.optimal).toBe(true);
    // Candidates that cannot carry flow (no slot, no capacity) still get a valid certificate.
    const idle: AssignmentProblem = {
      bids: [
        { id: 'full', slots: 0 },
        { id: 'open', slots: 1 },
      ],
      reviewers: [
        { id: 'busy', capacity: 0 },
        { id: 'free', capacity: 1 },
      ],
      candidates: [
        { bid: 0, reviewer: 1, affinity: 90 },
        { bid: 1, reviewer: 0, affinity: 80 },
        { bid: 1, reviewer: 1, affinity: 1 },
      ],
    };
    const result = assignReviewers(idle);
    expect(result.pairs).toEqual([{ bid: 1, reviewer: 1, affinity: 1 }]);
    expect(verifyAssignmentCertificate(idle, result)).toMatchObject({ optimal: true, violations: 0 });
  });

  it('rejects malformed input', () => {
    const base = { bids: [{ id: 'b', slots: 1 }], reviewers: [{ id: 'r', capacity: 1 }] };
    expect(() => assignReviewers({ ...base, candidates: [{ bid: 1, reviewer: 0, affinity: 1 }] })).toThrow(RangeError);
    expect(() => assignReviewers({ ...base, candidates: [{ bid: 0, reviewer: 0, affinity: 1.5 }] })).toThrow(RangeError);
    expect(() => assignReviewers({ ...base, candidates: [{ bid: 0, reviewer: 0, affinity: -1 }] })).toThrow(RangeError);
    expect(() => assignReviewers({ ...base, bids: [{ id: 'b', slots: -1 }], candidates: [] })).toThrow(RangeError);
    expect(() => assignReviewers({ ...base, candidates: [] }, { candidatesPerBid: 0 })).toThrow(RangeError);
  });
});
