export {
  CREDIT_CODE_CHARSET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  makeCreditCode,
  organizationCodeCheckCharacter,
} from './credit-code';
export type { CreditCodeProblem } from './credit-code';
export { isValidRegionCode, isValidRegionPrefix, PROVINCE_CODES } from './region-code';
export { INDUSTRY_SECTION_DIVISIONS, isValidIndustryCode } from './industry-code';
export { IsCreditCode, IsDateTime, IsIndustryCode, IsRegionCode, IsRegionPrefix } from './validators.decorators';
