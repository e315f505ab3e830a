import { assignReviewers, type AssignmentProblem, DEFAULT_CANDIDATES_PER_BID, verifyAssignmentCertificate } from './index';
import { syntheticAssignmentProblem } from './synthetic-problem';

/** The problem restricted to each bid's `k` best usable candidates (affinity descending, then reviewer index). */
function topK(problem: AssignmentProblem, k: number): AssignmentProblem {
  const byBid = problem.bids.map(() => [] as AssignmentProblem['candidates']);
  for (const c of problem.candidates) {
    if (problem.bids[c.bid].slots > 0 && problem.reviewers[c.reviewer].capacity > 0) byBid[c.bid].push(c);
  }
  const candidates = byBid.flatMap((list) => list.sort((x, y) => y.affinity - x.affinity || x.reviewer - y.reviewer).slice(0, k));
  return { ...problem, candidates };
}

describe('candidate pruning', () => {
  it(`leaves the optimum of the QUALITY.md instance (2,000 bids × 500 reviewers × 3, load ≤ 15) unchanged with the top ${DEFAULT_CANDIDATES_PER_BID}`, () => {
    const problem = syntheticAssignmentProblem({ bids: 2000, reviewers: 500, slots: 3, capacity: [11, 15], seed: 7 });
    expect(problem.candidates.length).toBeGreaterThan(950_000); // the full graph, ~2% conflicts

    const full = assignReviewers(problem);
    expect(full.certificate.optimal).toBe(true);
    expect(full.shortages).toEqual([]);

    // The optimum of the pruned graph alone, solved as a problem of its own, equals the full optimum…
    const prunedGraph = topK(problem, DEFAULT_CANDIDATES_PER_BID);
    const prunedAlone = assignReviewers(prunedGraph);
    expect([prunedAlone.assigned, prunedAlone.totalAffinity]).toEqual([full.assigned, full.totalAffinity]);
    // …and is optimal on the full candidate graph: its certificate checks out against every candidate.
    expect(verifyAssignmentCertificate(problem, prunedAlone).optimal).toBe(true);

    const pruned = assignReviewers(problem, { candidatesPerBid: DEFAULT_CANDIDATES_PER_BID });
    expect([pruned.assigned, pruned.totalAffinity]).toEqual([full.assigned, full.totalAffinity]);
    expect(pruned.pruning).toMatchObject({ candidatesPerBid: DEFAULT_CANDIDATES_PER_BID, prunedOptimal: true, widening: 'none' });
    expect(pruned.pruning?.candidatesKept).toBe(2000 * DEFAULT_CANDIDATES_PER_BID);
    expect(verifyAssignmentCertificate(problem, pruned).optimal).toBe(true);
  });

  it.each([
    ['600 × 300, demand-matched pool', { bids: 600, reviewers: 300, capacity: [5, 8] as [number, number], seed: 21 }],
    ['600 × 300, uniform pool (popular topics over-subscribed)', { bids: 600, reviewers: 300, capacity: [5, 8] as [number, number], reviewerTopics: 'uniform' as const, seed: 22 }],
    ['400 × 200, 5 slots, 20% conflicts', { bids: 400, reviewers: 200, slots: 5, capacity: [9, 12] as [number, number], conflictRate: 0.2, seed: 23 }],
  ])('leaves the optimum unchanged on %s', (_, options) => {
    const problem = syntheticAssignmentProblem(options);
    const full = assignReviewers(problem);
    const prunedAlone = assignReviewers(topK(problem, DEFAULT_CANDIDATES_PER_BID));
    expect([prunedAlone.assigned, prunedAlone.totalAffinity]).toEqual([full.assigned, full.totalAffinity]);
    const pruned = assignReviewers(problem, { candidatesPerBid: DEFAULT_CANDIDATES_PER_BID });
    expect([pruned.assigned, pruned.totalAffinity]).toEqual([full.assigned, full.totalAffinity]);
    expect(pruned.pruning?.prunedOptimal).toBe(true);
    expect(pruned.pruning?.candidatesKept).toBeLessThan(pruned.pruning?.candidatesUsable ?? 0); // pruning did cut
    expect(pruned.certificate.optimal).toBe(true);
  });

  it('recovers the full optimum when the pruned graph loses it', () => {
    // Every bid's best reviewer is r0 (capacity 1); with the top 1 only one bid can be assigned.
    const problem: AssignmentProblem = {
      bids: [0, 1, 2].map((i) => ({ id: `b${i}`, slots: 1 })),
      reviewers: [0, 1, 2].map((i) => ({ id: `r${i}`, capacity: 1 })),
      candidates: [0, 1, 2].flatMap((bid) => [
        { bid, reviewer: 0, affinity: 50 },
        { bid, reviewer: 1, affinity: 40 - bid },
        { bid, reviewer: 2, affinity: 30 + bid },
      ]),
    };
    const full = assignReviewers(problem);
    expect(full.assigned).toBe(3);
    const prunedAlone = assignReviewers(topK(problem, 1));
    expect(prunedAlone.assigned).toBe(1); // the pruned graph on its own is worse…
    expect(verifyAssignmentCertificate(problem, prunedAlone)).toMatchObject({ optimal: false, maximum: false });

    const pruned = assignReviewers(problem, { candidatesPerBid: 1 }); // …but assignReviewers widens it
    expect([pruned.assigned, pruned.totalAffinity]).toEqual([full.assigned, full.totalAffinity]);
    expect(pruned.pruning?.prunedOptimal).toBe(false);
    expect(pruned.pruning?.widening).toBe('continued'); // its flow and potentials carried over to the full graph
    expect(pruned.certificate.optimal).toBe(true);
  });

  it('restarts on the full graph when the pruned optimum has as many pairs but the wrong ones', () => {
    // Two reviewers, three bids of one slot. Top 1: b0–r1 (9), b1–r0 (4), b2–r1 (7): the pruned optimum is
    // b0–r1 + b1–r0 = 13 with 2 pairs — as many as possible, but b2–r0 (6) instead of b1–r0 gives 15.
    const problem: AssignmentProblem = {
      bids: [0, 1, 2].map((i) => ({ id: `b${i}`, slots: 1 })),
      reviewers: [0, 1].map((i) => ({ id: `r${i}`, capacity: 1 })),
      candidates: [
        { bid: 0, reviewer: 0, affinity: 2 },
        { bid: 0, reviewer: 1, affinity: 9 },
        { bid: 1, reviewer: 0, affinity: 4 },
        { bid: 1, reviewer: 1, affinity: 3 },
        { bid: 2, reviewer: 0, affinity: 6 },
        { bid: 2, reviewer: 1, affinity: 7 },
      ],
    };
    const prunedAlone = assignReviewers(topK(problem, 1));
    expect([prunedAlone.assigned, prunedAlone.totalAffinity]).toEqual([2, 13]);
    expect(verifyAssignmentCertificate(problem, prunedAlone)).toMatchObject({ optimal: false, maximum: true });

    const pruned = assignReviewers(problem, { candidatesPerBid: 1 });
    expect(pruned.pairs).toEqual([
      { bid: 0, reviewer: 1, affinity: 9 },
      { bid: 2, reviewer: 0, affinity: 6 },
    ]);
    expect(pruned.pruning).toMatchObject({ prunedOptimal: false, widening: 'restarted' });
    expect(pruned.certificate.optimal).toBe(true);
  });
});
