import type { EligibilityReason, EligibilityRules, EnterpriseSize } from '../eligibility/eligibility';

/** An SME profile as the ranking engine sees it (PRODUCT.md "What matching means"). */
export interface EnterpriseDocument {
  /** organizationId in the product; the DATA.md `externalId` in the offline evaluation. */
  id: string;
  name?: string;
  /** 6-digit GB/T 2260 code, `null` when unknown. */
  region: string | null;
  size: EnterpriseSize | null;
  description: string;
  capabilities: string[];
  /** GB/T 4754 codes such as `C39` or `C3911`. */
  industries: string[];
  certifications: string[];
  patents: Array<{ title: string; year: number | null }>;
  pastProjects: Array<{ title: string; description: string; year: number; client: string | null }>;
}

/** A challenge as a ranking query. */
export interface ChallengeQuery {
  title: string;
  description: string;
  /** Required capabilities. */
  tags: string[];
  /** KPI names and targets as text. */
  kpis: string[];
  /** GB/T 4754 code, any length. */
  industry: string | null;
  /** The lead organization's name (SBIR: the agency); matched against past projects' clients. */
  issuer?: string | null;
  /** The challenge's year: the reference for recency (defaults to the index's `now()`). */
  year?: number | null;
  eligibility?: EligibilityRules;
}

export type SignalName =
  | 'text'
  | 'bestProject'
  | 'trackRecord'
  | 'issuerHistory'
  | 'capabilities'
  | 'industry'
  | 'certifications';

export interface SignalContribution {
  signal: SignalName | string;
  /** Points of the 0–100 score this signal accounts for; the contributions sum to the score. */
  contribution: number;
  detail: string;
}

export interface MatchExplanation {
  /** One readable sentence naming the strongest evidence. */
  summary: string;
  /** Query terms found in the profile, most important first. */
  matchedTerms: string[];
  /** The enterprise's capabilities that share terms with the challenge. */
  matchedCapabilities: string[];
  bestProject: { title: string; year: number; score: number } | null;
  signals: SignalContribution[];
  method: string;
}

export interface RankedEnterprise {
  enterpriseId: string;
  /** 0–100, monotone in the raw score and comparable across challenges (see `calibrateScore`). */
  score: number;
  /** 1-based position in the ranking (in `scoreOne`: 0, no ranking was made). */
  rank: number;
  eligible: boolean;
  reasons: EligibilityReason[];
  explanation: MatchExplanation;
}

export interface RankOptions {
  /** How many results (default 50). `Infinity` returns every enterprise with any evidence. */
  limit?: number;
  /** Leave out ineligible enterprises (default: rank them too, `eligible: false` with reasons). */
  eligibleOnly?: boolean;
  /**
   * Score every enterprise that contains a query term instead of the selected candidates (slower; for
   * audits and the benchmark that checks the candidate selection).
   */
  exhaustive?: boolean;
}
