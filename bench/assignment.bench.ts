/**
 * Reviewer-assignment benchmark (QUALITY.md "reviewer assignment"): 2,000 bids × 500 reviewers × 3 reviewers
 * per bid, capacities 11..15 (load ≤ 15), the full candidate graph (every pair but ~2% random conflicts),
 * integer affinities 0..100 with topic clusters (`syntheticAssignmentProblem`, seed 7). In one run:
 *  - the exact solve without pruning and with the default pruning (`DEFAULT_CANDIDATES_PER_BID`), timed in
 *    alternation, the median of 3 after one warm-up each (the cold first call is reported too): time,
 *    assigned pairs, total affinity (they must be equal), the certificate as checked by
 *    `verifyAssignmentCertificate`;
 *  - a greedy baseline: each bid in turn takes its best reviewers that still have capacity;
 *  - the same on a stress instance whose reviewers' topics are uniform while the bids' are skewed, so the
 *    popular topics' reviewers are over-subscribed (pass --quick to skip it).
 *
 *   node -r ./bench/register.js bench/assignment.bench.ts [--quick] [--json bench/results/assignment.json]
 */
import { writeFileSync } from 'node:fs';
import {
  assignReviewers,
  type AssignmentProblem,
  type AssignmentResult,
  DEFAULT_CANDIDATES_PER_BID,
  syntheticAssignmentProblem,
  verifyAssignmentCertificate,
} from '@jiebang/matching';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonAt = args.indexOf('--json');
const ROUNDS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Times several solvers side by side: one untimed warm-up each (the cold first call, reported too), then
 * `ROUNDS` rounds running each solver once, so that a change of load on the machine hits them alike.
 */
function measure<T>(runs: Array<() => T>): Array<{ coldMs: number; medianMs: number; result: T }> {
  const time = (run: () => T): [number, T] => {
    const started = performance.now();
    const result = run();
    return [performance.now() - started, result];
  };
  const measured = runs.map((run) => {
    const [coldMs, result] = time(run);
    return { coldMs, times: [] as number[], result };
  });
  for (let round = 0; round < ROUNDS; round++) {
    runs.forEach((run, i) => {
      const [ms, result] = time(run);
      measured[i].times.push(ms);
      measured[i].result = result;
    });
  }
  return measured.map(({ coldMs, times, result }) => ({ coldMs, medianMs: median(times), result }));
}

/**
 * Greedy baseline: bids in index order, each takes its highest-affinity reviewers (ties by index) that still
 * have capacity. Typed arrays and one numeric sort per bid, so it is a fair speed reference.
 */
function greedy(problem: AssignmentProblem): { assigned: number; totalAffinity: number } {
  const { bids, reviewers, candidates } = problem;
  const reviewerCount = reviewers.length;
  let maxAffinity = 0;
  for (const c of candidates) maxAffinity = Math.max(maxAffinity, c.affinity);
  const start = new Int32Array(bids.length + 1);
  for (const c of candidates) start[c.bid + 1]++;
  for (let b = 0; b < bids.length; b++) start[b + 1] += start[b];
  // One number per candidate, ascending = best first: (maxAffinity − affinity) × reviewerCount + reviewer.
  const keys = new Float64Array(candidates.length);
  const fill = start.slice(0, bids.length);
  for (const c of candidates) keys[fill[c.bid]++] = (maxAffinity - c.affinity) * reviewerCount + c.reviewer;
  const left = Int32Array.from(reviewers, (r) => r.capacity);
  const takenBy = new Int32Array(reviewerCount).fill(-1);
  let assigned = 0;
  let totalAffinity = 0;
  for (let b = 0; b < bids.length; b++) {
    const list = keys.subarray(start[b], start[b + 1]).sort();
    let taken = 0;
    for (let i = 0; i < list.length && taken < bids[b].slots; i++) {
      const reviewer = list[i] % reviewerCount;
      if (left[reviewer] === 0 || takenBy[reviewer] === b) continue;
      takenBy[reviewer] = b;
      left[reviewer]--;
      taken++;
      assigned++;
      totalAffinity += maxAffinity - (list[i] - reviewer) / reviewerCount;
    }
  }
  return { assigned, totalAffinity };
}

function summary(result: AssignmentResult, problem: AssignmentProblem) {
  const check = verifyAssignmentCertificate(problem, result);
  return {
    assigned: result.assigned,
    required: result.required,
    totalAffinity: result.totalAffinity,
    certificate: { optimal: check.optimal, violations: check.violations, minReducedCost: check.minReducedCost },
  };
}

function benchInstance(name: string, problem: AssignmentProblem) {
  const [full, pruned] = measure([() => assignReviewers(problem), () => assignReviewers(problem, { candidatesPerBid: DEFAULT_CANDIDATES_PER_BID })]);
  const [baseline] = measure([() => greedy(problem)]);
  const verifyMs = measure([() => verifyAssignmentCertificate(problem, full.result)])[0].medianMs;
  return {
    name,
    bids: problem.bids.length,
    reviewers: problem.reviewers.length,
    candidates: problem.candidates.length,
    required: full.result.required,
    full: { coldMs: full.coldMs, medianMs: full.medianMs, ...summary(full.result, problem) },
    pruned: {
      candidatesPerBid: DEFAULT_CANDIDATES_PER_BID,
      coldMs: pruned.coldMs,
      medianMs: pruned.medianMs,
      ...summary(pruned.result, problem),
      pruning: pruned.result.pruning,
    },
    greedy: { medianMs: baseline.medianMs, ...baseline.result },
    verifyMs,
  };
}

function main(): void {
  const instances: Array<[string, AssignmentProblem]> = [
    ['demand-matched pool (QUALITY.md bar)', syntheticAssignmentProblem({ bids: 2000, reviewers: 500, slots: 3, capacity: [11, 15], seed: 7 })],
  ];
  if (!quick) {
    instances.push([
      'uniform pool (stress)',
      syntheticAssignmentProblem({ bids: 2000, reviewers: 500, slots: 3, capacity: [11, 15], reviewerTopics: 'uniform', seed: 7 }),
    ]);
  }
  const results = instances.map(([name, problem]) => benchInstance(name, problem));

  const ms = (value: number) => `${Math.round(value)} ms`;
  const yesNo = (value: boolean | undefined) => (value ? 'yes' : 'NO');
  console.log(`\nreviewer-assignment benchmark — median of ${ROUNDS} after a warm-up, Node ${process.version}\n`);
  for (const r of results) {
    const same = r.full.totalAffinity === r.pruned.totalAffinity && r.full.assigned === r.pruned.assigned;
    console.log(
      `${r.name}: ${r.bids.toLocaleString('en-US')} bids × ${r.reviewers} reviewers, ` +
        `${r.candidates.toLocaleString('en-US')} candidate pairs, ${r.required.toLocaleString('en-US')} slots\n`,
    );
    console.log('| solve | time (median / first call) | assigned | total affinity | certificate | vs full |');
    console.log('|---|---|---|---|---|---|');
    console.log(
      `| exact, full graph | ${ms(r.full.medianMs)} / ${ms(r.full.coldMs)} | ${r.full.assigned} | ${r.full.totalAffinity} | ` +
        `optimal: ${yesNo(r.full.certificate.optimal)}, min reduced cost ${r.full.certificate.minReducedCost} | 1.00× time |`,
    );
    console.log(
      `| exact, top ${r.pruned.candidatesPerBid} per bid | ${ms(r.pruned.medianMs)} / ${ms(r.pruned.coldMs)} | ${r.pruned.assigned} | ` +
        `${r.pruned.totalAffinity} | optimal: ${yesNo(r.pruned.certificate.optimal)}, pruned optimum = full: ${yesNo(r.pruned.pruning?.prunedOptimal)} ` +
        `(${r.pruned.pruning?.widening}) | ${(r.pruned.medianMs / r.full.medianMs).toFixed(2)}× time, same optimum: ${yesNo(same)} |`,
    );
    console.log(
      `| greedy baseline | ${ms(r.greedy.medianMs)} | ${r.greedy.assigned} | ${r.greedy.totalAffinity} | — | ` +
        `${(r.greedy.medianMs / r.full.medianMs).toFixed(2)}× time, ${((100 * r.greedy.totalAffinity) / r.full.totalAffinity).toFixed(2)}% of the affinity |`,
    );
    console.log(`\nindependent certificate check (verifyAssignmentCertificate): ${ms(r.verifyMs)}; bar: ≤ 2 s\n`);
  }
  if (jsonAt >= 0 && args[jsonAt + 1]) {
    writeFileSync(args[jsonAt + 1], `${JSON.stringify({ date: new Date().toISOString().slice(0, 10), node: process.version, results }, null, 2)}\n`);
  }
}

main();
