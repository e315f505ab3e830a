export { checkEligibility } from './eligibility/eligibility';
export type {
  EligibilityCandidate,
  EligibilityReason,
  EligibilityResult,
  EligibilityRule,
  EligibilityRules,
  EnterpriseSize,
} from './eligibility/eligibility';
export { defaultTokenizer, tokenize, Tokenizer, toSearchDocument } from './text/tokenizer';
export type { TokenizerOptions } from './text/tokenizer';
export { porterStem } from './text/porter-stemmer';
export { DOMAIN_TERMS } from './text/domain-dictionary';
export { RANKING_METHOD, RankingIndex } from './ranking/ranking-index';
export type { RankingIndexOptions } from './ranking/ranking-index';
export type {
  ChallengeQuery,
  EnterpriseDocument,
  MatchExplanation,
  RankedEnterprise,
  RankOptions,
  SignalContribution,
  SignalName,
} from './ranking/types';
export { DEFAULT_RANKING_PARAMETERS, withParameters } from './ranking/parameters';
export type { RankingParameters } from './ranking/parameters';
export { calibrateScore } from './ranking/signals';
export { evaluateRankings, firstHitRank, HIT_RATE_CUTOFFS, metricsFromRanks, quantile } from './evaluation/evaluation';
export type { EvaluationMetrics, EvaluationReport, RankingOutcome } from './evaluation/evaluation';
export { ABNORMALLY_LOW_RATIO, ASSESSMENT_METHOD, ASSESSMENT_WEIGHTS, assessBid } from './assessment/assess-bid';
export type { AssessedBid, AssessedChallenge, AssessmentPart, BidAssessmentResult, PriceFlag } from './assessment/assess-bid';
export * from './assignment';
export * from './aggregation';
