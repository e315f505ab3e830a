import type { Tokenizer } from '../text/tokenizer';
import type { TermDictionary } from './accumulators';
import type { RankingParameters } from './parameters';
import type { ChallengeQuery } from './types';

/** One distinct query term after weighting and selection. */
export interface QueryTerm {
  termId: number;
  term: string;
  /** Query-side weight: 1 + ln(weighted occurrences), occurrences weighted by the part they came from. */
  weight: number;
  /** Share of the capability-overlap signal a profile gets by listing this term among its capabilities. */
  tagShare: number;
}

/** Inverse document frequency of BM25 (never negative): ln(1 + (N − df + 0.5) / (df + 0.5)). */
export function bm25Idf(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/**
 * The terms of a challenge with their weights.
 *
 * - Occurrences count `title`, `description`, `tags` and `kpis` times their part's weight; a term's weight is
 *   `1 + ln(count)` (repetition helps, sub-linearly).
 * - Terms no profile contains are dropped (they cannot score).
 * - Long queries are capped at `maxTerms` distinct terms, keeping the most discriminative ones by
 *   `weight × idf`; terms of required capabilities (tags) are always kept.
 * - The order is canonical (importance, then the term itself), so float sums over the terms do not depend on
 *   how the index was built.
 */
export function buildQueryTerms(
  query: ChallengeQuery,
  tokenizer: Tokenizer,
  dictionary: TermDictionary,
  idfOf: (termId: number) => number,
  params: RankingParameters['query'],
): QueryTerm[] {
  const counts = weightedOccurrences(query, tokenizer, params);
  const tagShare = tagShares(query.tags, tokenizer, dictionary, idfOf);
  const candidates: Array<QueryTerm & { importance: number; isTag: boolean }> = [];
  for (const [term, count] of counts) {
    const termId = dictionary.lookup(term);
    if (termId === undefined) continue;
    const idf = idfOf(termId);
    if (idf <= 0) continue;
    const weight = queryTermWeight(count);
    const share = tagShare.get(term) ?? 0;
    candidates.push({ termId, term, weight, tagShare: share, importance: weight * idf, isTag: share > 0 });
  }
  candidates.sort((a, b) => b.importance - a.importance || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const kept: QueryTerm[] = [];
  let others = 0;
  for (const candidate of candidates) {
    if (!candidate.isTag) {
      if (others >= params.maxTerms) continue;
      others += 1;
    }
    kept.push({ termId: candidate.termId, term: candidate.term, weight: candidate.weight, tagShare: candidate.tagShare });
  }
  return kept;
}

/**
 * A challenge's distinct terms with their occurrences weighted by the part they came from (title,
 * description, tags, KPI texts), in order of first appearance.
 */
export function weightedOccurrences(
  challenge: Pick<ChallengeQuery, 'title' | 'description' | 'tags' | 'kpis'>,
  tokenizer: Tokenizer,
  params: RankingParameters['query'],
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    if (weight <= 0 || text.length === 0) return;
    for (const term of tokenizer.tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  add(challenge.title, params.title);
  add(challenge.description, params.description);
  for (const tag of challenge.tags) add(tag, params.tags);
  for (const kpi of challenge.kpis) add(kpi, params.kpis);
  return counts;
}

/** Query-side weight of a term from its weighted occurrences: 1 + ln(count) (sub-linear in repetition). */
export function queryTermWeight(count: number): number {
  return 1 + Math.log(Math.max(1, count));
}

/**
 * Capability overlap: each tag counts `1 / tags`, shared among its distinct terms by idf, so a profile's
 * capability overlap is the mean over tags of the idf-weighted share of the tag's terms it lists. Terms no
 * profile contains get the highest idf in the denominator (they lower the share, they cannot be matched).
 */
function tagShares(
  tags: readonly string[],
  tokenizer: Tokenizer,
  dictionary: TermDictionary,
  idfOf: (termId: number) => number,
): Map<string, number> {
  const shares = new Map<string, number>();
  const termSets = tags.map((tag) => [...new Set(tokenizer.tokenize(tag))]).filter((terms) => terms.length > 0);
  if (termSets.length === 0) return shares;
  const unknownIdf = idfOf(-1);
  for (const terms of termSets) {
    const idfs = terms.map((term) => {
      const id = dictionary.lookup(term);
      return id === undefined ? unknownIdf : idfOf(id);
    });
    const total = idfs.reduce((sum, idf) => sum + idf, 0);
    if (total <= 0) continue;
    terms.forEach((term, i) => {
      shares.set(term, (shares.get(term) ?? 0) + idfs[i] / total / termSets.length);
    });
  }
  return shares;
}
