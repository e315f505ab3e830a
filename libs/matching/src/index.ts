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
