import type { EligibilityRules } from '../eligibility/eligibility';
import type { QueryTerm } from './query';
import type { RankingParameters } from './parameters';
import { dequantise, saturate } from './signals';
import type { ChallengeQuery, SignalName } from './types';

/** Profile fields of the BM25F index, in order. */
export const PROFILE_FIELDS = ['description', 'capabilities', 'patents', 'projectTitles', 'projectTexts'] as const;
export const CAPABILITY_FIELD = 1;
/** Fields of the per-project index. */
export const PROJECT_FIELDS = ['title', 'description'] as const;

/** The signals in the order they are combined and reported. */
export const SIGNALS: readonly SignalName[] = [
  'text',
  'bestProject',
  'trackRecord',
  'issuerHistory',
  'capabilities',
  'industry',
  'certifications',
];

/** A challenge prepared for scoring against one index state. */
export interface PreparedQuery {
  query: ChallengeQuery;
  terms: QueryTerm[];
  /** Per term: weight × idf × (k1 + 1) — the most one term can add to a BM25F score. */
  profileFactors: Float64Array;
  projectFactors: Float64Array;
  /** Σ factors: the attainable maximum that normalises text scores to [0, 1). */
  profileMax: number;
  projectMax: number;
  termIds: ReadonlySet<number>;
  issuer: string[];
  referenceYear: number;
  industry: string;
  hasTags: boolean;
  rules: EligibilityRules;
}

/** Sums accumulated for one enterprise while scoring a query. */
export interface AccumulatedSums {
  /** BM25F over the profile. */
  text: number;
  /** Idf-weighted share of the required capabilities listed (already a mean over tags). */
  capabilityShare: number;
  /** Best single project's BM25F, normalised by the query's project maximum. */
  bestProject: number;
  /** Quantised Σ recency × relevance over past projects (see `quantise`). */
  trackRecord: number;
  /** The same over projects for the challenge's issuer, weighted by the client match. */
  issuerHistory: number;
}

export type SignalValues = Record<SignalName, number>;

/** Relevance of a project from its normalised score: min(1, s / fullAt)^power. */
export function projectRelevance(normalisedScore: number, params: RankingParameters['projectRelevance']): number {
  const share = Math.min(1, normalisedScore / params.fullAt);
  return params.power === 2 ? share * share : Math.pow(share, params.power);
}

/**
 * Writes every signal's value in [0, 1] into `out` (in the order of `SIGNALS`) and returns the raw score
 * Σ weight × value. The one function both ranking and explaining use, so their scores are identical.
 * `industry` and `certifications` are already values in [0, 1].
 */
export function scoreSignals(
  prepared: PreparedQuery,
  text: number,
  capabilityShare: number,
  bestProject: number,
  trackRecordQuantised: number,
  issuerHistoryQuantised: number,
  industry: number,
  certifications: number,
  params: RankingParameters,
  out: Float64Array,
): number {
  out[0] = prepared.profileMax > 0 ? text / prepared.profileMax : 0;
  out[1] = bestProject;
  out[2] = saturate(dequantise(trackRecordQuantised), params.trackRecord.scale);
  out[3] = saturate(dequantise(issuerHistoryQuantised), params.issuerHistory.scale);
  out[4] = prepared.hasTags ? Math.min(1, capabilityShare) : 0;
  out[5] = industry;
  out[6] = certifications;
  const w = params.weights;
  return (
    w.text * out[0] +
    w.bestProject * out[1] +
    w.trackRecord * out[2] +
    w.issuerHistory * out[3] +
    w.capabilities * out[4] +
    w.industry * out[5] +
    w.certifications * out[6]
  );
}

/** The values `scoreSignals` wrote, by signal name. */
export function signalRecord(out: Float64Array): SignalValues {
  const values = {} as SignalValues;
  SIGNALS.forEach((signal, i) => (values[signal] = out[i]));
  return values;
}
