import { assignReviewers, type AssignmentProblem, type AssignmentResult, verifyAssignmentCertificate } from './index';
import { syntheticAssignmentProblem } from './synthetic-problem';

/** Two bids, two reviewers, one slot and one capacity each: the optimum pairs b0–r0 (9) and b1–r1 (8). */
const square: AssignmentProblem = {
  bids: [
    { id: 'b0', slots: 1 },
    { id: 'b1', slots: 1 },
  ],
  reviewers: [
    { id: 'r0', capacity: 1 },
    { id: 'r1', capacity: 1 },
  ],
  candidates: [
    { bid: 0, reviewer: 0, affinity: 9 },
    { bid: 0, reviewer: 1, affinity: 2 },
    { bid: 1, reviewer: 0, affinity: 3 },
    { bid: 1, reviewer: 1, affinity: 8 },
  ],
};

/** A hand-made result: `pairs` with consistent totals and the given potentials. */
function handMade(problem: AssignmentProblem, pairs: AssignmentResult['pairs'], potentials: number[]): AssignmentResult {
  const perBid = problem.bids.map((_, b) => pairs.filter((p) => p.bid === b).length);
  return {
    method: 'hand-made',
    pairs,
    totalAffinity: pairs.reduce((sum, p) => sum + p.affinity, 0),
    assigned: pairs.length,
    required: problem.bids.reduce((sum, b) => sum + b.slots, 0),
    shortages: problem.bids.map((bid, b) => ({ bid: b, missing: bid.slots - perBid[b] })).filter((s) => s.missing > 0),
    certificate: { potentials, minReducedCost: 0, optimal: true },
  };
}

describe('verifyAssignmentCertificate', () => {
  it('accepts the solver output, whose certificate has no negative reduced cost', () => {
    const result = assignReviewers(square);
    expect(result.totalAffinity).toBe(17);
    expect(result.certificate.potentials).toHaveLength(2 + 2 + 2);
    expect(verifyAssignmentCertificate(square, result)).toEqual({ optimal: true, violations: 0, feasible: true, maximum: true, minReducedCost: 0 });
    for (const seed of [1, 2, 3]) {
      const problem = syntheticAssignmentProblem({ bids: 150, reviewers: 40, capacity: [seed, 12], conflictRate: 0.1 * seed, seed });
      const solved = assignReviewers(problem);
      expect(verifyAssignmentCertificate(problem, solved)).toMatchObject({ optimal: true, violations: 0 });
      expect(solved.certificate.minReducedCost).toBeGreaterThanOrEqual(0);
    }
  });

  it('rejects a suboptimal assignment whatever the potentials (the swap has a negative cycle)', () => {
    // b0–r1 (2) + b1–r0 (3) = 5 < 17: maximum, feasible, but not of maximum affinity.
    const worse = [
      { bid: 0, reviewer: 1, affinity: 2 },
      { bid: 1, reviewer: 0, affinity: 3 },
    ];
    const zeros = handMade(square, worse, [0, 0, 0, 0, 0, 0]);
    expect(verifyAssignmentCertificate(square, zeros)).toMatchObject({ optimal: false, feasible: true, maximum: true });
    expect(verifyAssignmentCertificate(square, zeros).violations).toBeGreaterThan(0);
    // Take the potentials of the true optimum: still violated (no potentials can certify a suboptimal flow).
    const optimalPotentials = assignReviewers(square).certificate.potentials;
    const borrowed = handMade(square, worse, optimalPotentials);
    expect(verifyAssignmentCertificate(square, borrowed).optimal).toBe(false);
    expect(verifyAssignmentCertificate(square, borrowed).violations).toBeGreaterThan(0);
  });

  it('rejects a solver result after one pair is swapped for a worse one', () => {
    const problem = syntheticAssignmentProblem({ bids: 60, reviewers: 20, capacity: [12, 15], seed: 9 });
    const result = assignReviewers(problem);
    // Move one pair of bid 0 to a free candidate reviewer with a lower affinity.
    const load = new Map<number, number>();
    for (const p of result.pairs) load.set(p.reviewer, (load.get(p.reviewer) ?? 0) + 1);
    const taken = new Set(result.pairs.filter((p) => p.bid === 0).map((p) => p.reviewer));
    const victim = result.pairs.find((p) => p.bid === 0);
    const substitute = problem.candidates.find(
      (c) => c.bid === 0 && !taken.has(c.reviewer) && (load.get(c.reviewer) ?? 0) < problem.reviewers[c.reviewer].capacity && c.affinity < (victim?.affinity ?? 0),
    );
    expect(victim && substitute).toBeTruthy();
    if (!victim || !substitute) return;
    const pairs = result.pairs.map((p) => (p === victim ? { bid: 0, reviewer: substitute.reviewer, affinity: substitute.affinity } : p));
    pairs.sort((x, y) => x.bid - y.bid || x.reviewer - y.reviewer);
    const tampered = handMade(problem, pairs, result.certificate.potentials);
    expect(verifyAssignmentCertificate(problem, tampered)).toMatchObject({ optimal: false, feasible: true, maximum: true });
    expect(verifyAssignmentCertificate(problem, tampered).violations).toBeGreaterThan(0);
  });

  it('rejects a flow that is not maximum', () => {
    const optimum = assignReviewers(square);
    const fewer = handMade(square, optimum.pairs.slice(0, 1), optimum.certificate.potentials);
    expect(verifyAssignmentCertificate(square, fewer)).toMatchObject({ optimal: false, maximum: false, feasible: true });
  });

  it('rejects infeasible pairs and inconsistent totals', () => {
    const potentials = assignReviewers(square).certificate.potentials;
    const forbidden: AssignmentProblem = { ...square, candidates: square.candidates.filter((c) => !(c.bid === 1 && c.reviewer === 1)) };
    const conflict = handMade(forbidden, [{ bid: 0, reviewer: 0, affinity: 9 }, { bid: 1, reviewer: 1, affinity: 8 }], potentials);
    expect(verifyAssignmentCertificate(forbidden, conflict)).toMatchObject({ optimal: false, feasible: false });
    const overload = handMade(square, [{ bid: 0, reviewer: 0, affinity: 9 }, { bid: 1, reviewer: 0, affinity: 3 }], potentials);
    expect(verifyAssignmentCertificate(square, overload)).toMatchObject({ optimal: false, feasible: false });
    const duplicate = handMade(square, [{ bid: 0, reviewer: 0, affinity: 9 }, { bid: 0, reviewer: 0, affinity: 9 }], potentials);
    expect(verifyAssignmentCertificate(square, duplicate)).toMatchObject({ optimal: false, feasible: false });
    const wrongAffinity = handMade(square, [{ bid: 0, reviewer: 0, affinity: 10 }, { bid: 1, reviewer: 1, affinity: 8 }], potentials);
    expect(verifyAssignmentCertificate(square, wrongAffinity)).toMatchObject({ optimal: false, feasible: false });
    const optimum = assignReviewers(square);
    expect(verifyAssignmentCertificate(square, { ...optimum, totalAffinity: 18 })).toMatchObject({ optimal: false, feasible: false });
    expect(verifyAssignmentCertificate(square, { ...optimum, shortages: [{ bid: 0, missing: 1 }] })).toMatchObject({ optimal: false, feasible: false });
  });

  it('rejects malformed potentials', () => {
    const optimum = assignReviewers(square);
    const short = { ...optimum, certificate: { ...optimum.certificate, potentials: optimum.certificate.potentials.slice(1) } };
    expect(verifyAssignmentCertificate(square, short)).toMatchObject({ optimal: false });
    const fractional = { ...optimum, certificate: { ...optimum.certificate, potentials: optimum.certificate.potentials.map((p) => p + 0.5) } };
    expect(verifyAssignmentCertificate(square, fractional)).toMatchObject({ optimal: false, violations: 6 });
  });
});
