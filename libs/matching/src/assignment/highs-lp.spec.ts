import loadHighs from 'highs';
import { assignReviewers, type AssignmentProblem } from './index';
import { seededRandom, syntheticAssignmentProblem } from './synthetic-problem';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/**
 * The assignment as an LP for HiGHS: x_b_r in [0, 1] per candidate pair, Σ_r x_b_r <= slots(b),
 * Σ_b x_b_r <= capacity(r), maximise Σ (BIG + affinity) · x with BIG larger than any total affinity, so the
 * number of pairs comes first. The constraint matrix of a bipartite b-matching is totally unimodular, so the
 * LP optimum is the integer optimum: BIG × assigned + totalAffinity.
 */
function lpOptimum(highs: Highs, problem: AssignmentProblem): { objective: number; big: number } {
  const best = new Map<string, number>();
  for (const c of problem.candidates) best.set(`${c.bid}_${c.reviewer}`, Math.max(best.get(`${c.bid}_${c.reviewer}`) ?? -1, c.affinity));
  const big = 1 + [...best.values()].reduce((sum, a) => sum + a, 0);
  const columns = [...best.keys()].sort();
  const bidRows = new Map<number, string[]>();
  const reviewerRows = new Map<number, string[]>();
  for (const column of columns) {
    const [bid, reviewer] = column.split('_').map(Number);
    bidRows.set(bid, [...(bidRows.get(bid) ?? []), `x_${column}`]);
    reviewerRows.set(reviewer, [...(reviewerRows.get(reviewer) ?? []), `x_${column}`]);
  }
  const lines = ['Maximize', ' obj:'];
  columns.forEach((column, i) => lines.push(` ${i === 0 ? '' : '+ '}${big + (best.get(column) ?? 0)} x_${column}`));
  lines.push('Subject To');
  for (const [bid, vars] of bidRows) lines.push(` bid_${bid}: ${vars[0]}`, ...vars.slice(1).map((v) => ` + ${v}`), ` <= ${problem.bids[bid].slots}`);
  for (const [reviewer, vars] of reviewerRows) {
    lines.push(` reviewer_${reviewer}: ${vars[0]}`, ...vars.slice(1).map((v) => ` + ${v}`), ` <= ${problem.reviewers[reviewer].capacity}`);
  }
  lines.push('Bounds', ...columns.map((column) => ` 0 <= x_${column} <= 1`), 'End');
  const solution = highs.solve(lines.join('\n'), { output_flag: false });
  if (solution.Status !== 'Optimal') throw new Error(`HiGHS: ${solution.Status}`);
  return { objective: Math.round(solution.ObjectiveValue), big };
}

describe('assignReviewers against the HiGHS LP optimum', () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  const cases: Array<[string, () => AssignmentProblem]> = [
    ['10 bids × 5 reviewers, tight capacity', () => syntheticAssignmentProblem({ bids: 10, reviewers: 5, capacity: [3, 6], seed: 1 })],
    ['40 bids × 20 reviewers, 30% conflicts', () => syntheticAssignmentProblem({ bids: 40, reviewers: 20, conflictRate: 0.3, seed: 2 })],
    ['60 bids × 30 reviewers, uniform pool', () => syntheticAssignmentProblem({ bids: 60, reviewers: 30, reviewerTopics: 'uniform', capacity: [4, 8], seed: 3 })],
    ['100 bids × 50 reviewers', () => syntheticAssignmentProblem({ bids: 100, reviewers: 50, capacity: [4, 8], seed: 4 })],
    ['100 bids × 50 reviewers, shortage (capacity 0..5)', () => syntheticAssignmentProblem({ bids: 100, reviewers: 50, capacity: [0, 5], seed: 5 })],
    ['100 bids × 50 reviewers, 5 slots, 70% conflicts', () => syntheticAssignmentProblem({ bids: 100, reviewers: 50, slots: 5, conflictRate: 0.7, seed: 6 })],
  ];

  it.each(cases)('%s', (_, make) => {
    const problem = make();
    const result = assignReviewers(problem);
    const { objective, big } = lpOptimum(highs, problem);
    expect(result.certificate.optimal).toBe(true);
    expect(big * result.assigned + result.totalAffinity).toBe(objective);
    expect(result.assigned).toBe(Math.floor(objective / big));
  });

  it('matches on 30 random instances with random slots, capacities and affinities', () => {
    const random = seededRandom(77);
    const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    for (let round = 0; round < 30; round++) {
      const bids = Array.from({ length: int(5, 60) }, (_, i) => ({ id: `b${i}`, slots: int(0, 7) }));
      const reviewers = Array.from({ length: int(3, 30) }, (_, i) => ({ id: `r${i}`, capacity: int(0, 15) }));
      const density = 0.2 + 0.8 * random();
      const candidates = bids.flatMap((_, bid) =>
        reviewers.flatMap((__, reviewer) => (random() < density ? [{ bid, reviewer, affinity: int(0, 100) }] : [])),
      );
      const problem = { bids, reviewers, candidates };
      const result = assignReviewers(problem, round % 2 ? { candidatesPerBid: 4 } : {});
      const { objective, big } = lpOptimum(highs, problem);
      expect({ round, value: big * result.assigned + result.totalAffinity }).toEqual({ round, value: objective });
    }
  });
});
