import { type Accumulator, type SlotSet } from './accumulators';
import type { FieldedIndex } from './fielded-index';
import type { RankingParameters } from './parameters';
import type { PreparedQuery } from './scoring';

export interface CandidateSelection {
  prepared: PreparedQuery;
  profiles: FieldedIndex;
  params: RankingParameters;
  /** Scratch: receives the approximate selection scores. */
  acc: Accumulator;
  /** Receives the candidates (sorted slots). */
  candidates: SlotSet;
  limit: number;
  /** Enterprises of the challenge's industry class. */
  industryMembers: ReadonlySet<number> | undefined;
  idOf: (slot: number) => string;
}

const scratch = { scores: new Float64Array(0), slots: new Int32Array(0) };

/**
 * Candidate selection, the first stage of a cascade (the second scores every candidate exactly). Terms go
 * rarest first: the *selective* ones — in at most `commonTermShare` of the profiles, and at least the
 * `minSelectionTerms` rarest — always, commoner ones only while fewer than `wanted = max(budget, perResult
 * × limit)` enterprises matched. They are summed over their postings with precomputed impacts (BM25F
 * against fixed reference lengths, a function of the document alone, times the term's query weight and
 * idf); the best `wanted` enterprises by that approximate score are the candidates (ties at the cut by id).
 * When fewer matched, all of them are candidates, and so are the enterprises of the challenge's industry
 * class. The result depends only on the indexed documents and the query, never on
 * the order of updates. With `limit: Infinity` (or `exhaustive`) every term selects and every enterprise
 * containing a query term is a candidate.
 *
 * An enterprise that is not selected is not ranked; bench/README.md measures what this keeps of the
 * exhaustive top 10 (synthetic profiles) and that it changes nothing measurable on the SBIR set.
 */
export function selectCandidates(selection: CandidateSelection): void {
  const { prepared, profiles, params, acc, candidates, limit, industryMembers } = selection;
  const { terms, profileFactors } = prepared;
  const { budget, perResult, commonTermShare, minSelectionTerms } = params.candidates;
  const wanted = Math.max(budget, perResult * limit);
  // Rarest terms first: every selective term, then commoner ones only while fewer than `wanted` matched.
  const dfs = terms.map((term) => profiles.documentFrequency(term.termId));
  const order = dfs.map((_, i) => i).sort((a, b) => dfs[a] - dfs[b] || a - b);
  const threshold = commonTermShare * profiles.liveCount;
  acc.reset(profiles.capacity);
  let processed = 0;
  for (const i of order) {
    const selective = dfs[i] <= threshold || processed < minSelectionTerms || !Number.isFinite(wanted);
    if (!selective && acc.count >= wanted) break;
    profiles.accumulateImpacts(terms[i].termId, profileFactors[i], acc);
    processed += 1;
  }
  if (acc.count < wanted && industryMembers !== undefined) for (const slot of industryMembers) acc.touch(slot);
  if (acc.count <= wanted) {
    candidates.assign(acc.touched, acc.count, profiles.capacity);
  } else {
    const count = bestByScore(acc, wanted, selection.idOf);
    candidates.assign(scratch.slots, count, profiles.capacity);
  }
}

/** Writes into `scratch.slots` the `wanted` touched slots with the highest scores (ties by id); returns the count. */
function bestByScore(acc: Accumulator, wanted: number, idOf: (slot: number) => string): number {
  const n = acc.count;
  if (scratch.scores.length < n) {
    scratch.scores = new Float64Array(Math.max(n, scratch.scores.length * 2));
    scratch.slots = new Int32Array(scratch.scores.length);
  }
  for (let i = 0; i < n; i++) scratch.scores[i] = acc.score[acc.touched[i]];
  const threshold = kthLargest(scratch.scores, n, wanted);
  let count = 0;
  const ties: number[] = [];
  for (let i = 0; i < n; i++) {
    const slot = acc.touched[i];
    const score = acc.score[slot];
    if (score > threshold) scratch.slots[count++] = slot;
    else if (score === threshold) ties.push(slot);
  }
  if (count + ties.length > wanted) {
    const ids = new Map(ties.map((slot) => [slot, idOf(slot)]));
    ties.sort((a, b) => ((ids.get(a) as string) < (ids.get(b) as string) ? -1 : 1));
  }
  for (const slot of ties) {
    if (count >= wanted) break;
    scratch.slots[count++] = slot;
  }
  return count;
}

/** The k-th largest of values[0..n) (1-based k ≤ n), by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, n: number, k: number): number {
  let low = 0;
  let high = n - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] > pivot) i++;
      while (values[j] < pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i] = values[j];
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else return values[target];
  }
  return values[target];
}
