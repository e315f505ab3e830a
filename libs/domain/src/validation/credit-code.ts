/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from
 * `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, Z, S, V):
 *   1      registration authority (9 = market regulation, 5 = civil affairs, 1 = staffing office …)
 *   2      organization type (1 = enterprise …)
 *   3–8    administrative region code (GB/T 2260; 100000 for national registrations)
 *   9–17   organization code (GB 11714, its own check character at position 17)
 *   18     check character over positions 1–17
 * Only the position-18 check is verified, as GB 32100 requires; the organization code is not re-checked.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const CREDIT_CODE_LENGTH = 18;
const CHARSET_ONLY = /^[0-9A-HJ-NPQRTUWXY]*$/;
const REGION_DIGITS = /^\d{6}$/;

/** Why a value is not a valid credit code, most fundamental problem first. */
export type CreditCodeProblem = 'not-a-string' | 'length' | 'charset' | 'region' | 'check-character';

/** The first problem of `code`, or `null` when it is a valid credit code. */
export function creditCodeProblem(code: unknown): CreditCodeProblem | null {
  if (typeof code !== 'string') return 'not-a-string';
  if (code.length !== CREDIT_CODE_LENGTH) return 'length';
  if (!CHARSET_ONLY.test(code)) return 'charset';
  if (!REGION_DIGITS.test(code.slice(2, 8))) return 'region';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check-character';
}

/** True when `code` is a well-formed 18-character credit code whose check character is correct. Case-sensitive. */
export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/**
 * The check character for the first 17 characters of a credit code:
 * C18 = charset[(31 − Σ index(Ci)·Wi mod 31) mod 31]. `null` when `first17` is not 17 charset characters.
 */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (typeof first17 !== 'string' || first17.length !== 17 || !CHARSET_ONLY.test(first17)) return null;
  return computeCreditCodeCheck(first17);
}

function computeCreditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17.charAt(i)) * CREDIT_CODE_WEIGHTS[i];
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const ORGANIZATION_CODE_BODY = /^[0-9A-Z]{8}$/;

/**
 * GB 11714 check character of an organization code body (8 characters of 0–9, A–Z; A=10 … Z=35):
 * C9 = 11 − (Σ value(Ci)·Wi mod 11), written `X` for 10 and `0` for 11. `null` for a malformed body.
 */
export function organizationCodeCheckCharacter(first8: string): string | null {
  if (typeof first8 !== 'string' || !ORGANIZATION_CODE_BODY.test(first8)) return null;
  return computeOrganizationCodeCheck(first8);
}

function computeOrganizationCodeCheck(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8.charAt(i), 36) * ORGANIZATION_CODE_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

const MAX_GENERATED_SEQUENCE = 99_999_999;

/**
 * A valid credit code derived deterministically from `seq` (0 … 99 999 999), for test factories and seeds:
 * `91` (market regulation, enterprise) + `region` + `seq` as an 8-digit organization code body + its GB 11714
 * check character + the GB 32100 check character. Different `seq` (or region) give different codes.
 */
export function makeCreditCode(seq: number, region = '350100'): string {
  if (!Number.isSafeInteger(seq) || seq < 0 || seq > MAX_GENERATED_SEQUENCE) {
    throw new RangeError(`seq must be an integer from 0 to ${MAX_GENERATED_SEQUENCE}, got ${seq}.`);
  }
  if (!REGION_DIGITS.test(region)) throw new RangeError(`region must be 6 digits, got "${region}".`);
  const body = String(seq).padStart(8, '0');
  const first17 = `91${region}${body}${computeOrganizationCodeCheck(body)}`;
  return first17 + computeCreditCodeCheck(first17);
}
