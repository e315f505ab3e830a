/**
 * GB/T 2260 administrative division codes: 6 digits, province (2) + city (2) + county (2).
 * Province codes of the mainland (11–15, 21–23, 31–37, 41–46, 50–54, 61–65), Taiwan (71), Hong Kong (81)
 * and Macao (82).
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

const SIX_DIGITS = /^\d{6}$/;
const PREFIX = /^\d{2}(?:\d{2}){0,2}$/;

/** A full 6-digit region code whose first two digits are a real province code (`350203`, `110000`). */
export function isValidRegionCode(code: string): boolean {
  return typeof code === 'string' && SIX_DIGITS.test(code) && PROVINCE_CODES.has(code.slice(0, 2));
}

/** A region prefix as used by eligibility rules: 2 (province), 4 (city) or 6 digits, with a real province. */
export function isValidRegionPrefix(prefix: string): boolean {
  return typeof prefix === 'string' && PREFIX.test(prefix) && PROVINCE_CODES.has(prefix.slice(0, 2));
}
