/**
 * Every tunable number of `jiebang-rank/1` in one place. Changing a default changes the method: bump
 * `RANKING_METHOD` and re-run the evaluation (bench/README.md).
 */
export interface RankingParameters {
  /** BM25F over the whole profile. Fields: description, capabilities, patents, project titles, project texts. */
  profile: { k1: number; weights: readonly number[]; b: readonly number[] };
  /** BM25F over each past project alone. Fields: title, description. */
  project: { k1: number; weights: readonly number[]; b: readonly number[] };
  /** Query side: weight of each challenge part's term occurrences, and the cap on distinct query terms. */
  query: { title: number; description: number; tags: number; kpis: number; maxTerms: number };
  /** Half-life in years of a past project's weight in track record and issuer history. */
  recencyHalfLifeYears: number;
  /**
   * Relevance of one past project to the challenge: min(1, s / fullAt)^power, where s is the project's
   * BM25F score divided by the query's attainable maximum.
   */
  projectRelevance: { fullAt: number; power: number };
  /** Track record: Σ over past projects of recency × relevance, saturated as 1 − exp(−sum / scale). */
  trackRecord: { scale: number };
  /**
   * Issuer history: Σ over past projects for the challenge's issuer of match × recency × relevance, saturated
   * likewise; a project for another branch of the issuer's top-level organisation matches `parentAgencyCredit`.
   */
  issuerHistory: { scale: number; parentAgencyCredit: number };
  /** Weights of the signals (each signal value is in [0, 1]); the raw score is their weighted sum. */
  weights: {
    text: number;
    bestProject: number;
    trackRecord: number;
    issuerHistory: number;
    capabilities: number;
    industry: number;
    certifications: number;
  };
  /** `score = 100 × (1 − exp(−raw / calibration))`. */
  calibration: number;
  /**
   * Candidate selection (see `selectCandidates`): the best `max(budget, perResult × limit)` enterprises by
   * an approximate profile BM25F of the selective query terms (in at most `commonTermShare` of the
   * profiles, at least the `minSelectionTerms` rarest) are scored exactly. `referenceLengths` (per profile
   * field, in terms) stand in for the average field lengths in the precomputed impacts this uses.
   */
  candidates: {
    budget: number;
    perResult: number;
    commonTermShare: number;
    minSelectionTerms: number;
    referenceLengths: readonly number[];
  };
}

export const DEFAULT_RANKING_PARAMETERS: RankingParameters = {
  profile: { k1: 1.2, weights: [1, 2, 1, 2, 1], b: [0.75, 0.3, 0.5, 0.5, 0.75] },
  project: { k1: 1.2, weights: [2, 1], b: [0.3, 0.75] },
  query: { title: 2, description: 1, tags: 2, kpis: 1, maxTerms: 256 },
  recencyHalfLifeYears: 4,
  projectRelevance: { fullAt: 0.5, power: 2 },
  trackRecord: { scale: 2 },
  issuerHistory: { scale: 2, parentAgencyCredit: 0.5 },
  weights: {
    text: 1,
    bestProject: 1,
    trackRecord: 0.4,
    issuerHistory: 0.1,
    capabilities: 0.3,
    industry: 0.1,
    certifications: 0.05,
  },
  calibration: 0.5,
  candidates: {
    budget: 1500,
    perResult: 5,
    commonTermShare: 0.2,
    minSelectionTerms: 4,
    referenceLengths: [100, 20, 25, 40, 300],
  },
};

/** `base` with the given overrides, one level deep per group. */
export function withParameters(
  base: RankingParameters,
  overrides: { [K in keyof RankingParameters]?: Partial<RankingParameters[K]> } = {},
): RankingParameters {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = (base as unknown as Record<string, unknown>)[key];
    merged[key] =
      typeof current === 'object' && current !== null && !Array.isArray(current)
        ? { ...(current as object), ...(value as object) }
        : value;
  }
  return merged as unknown as RankingParameters;
}
