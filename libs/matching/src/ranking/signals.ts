/** The structured (non-text) signals of `jiebang-rank/1`, each a value in [0, 1]. */
import { QUANTUM } from './accumulators';


/**
 * An organisation name as a path of units, most general first: `Department of Defense / Air Force` →
 * `['department of defense', 'air force']`. NFKC, lower case, collapsed spaces; a unit repeating its parent
 * (`Department of Energy / Department of Energy`) is dropped. Chinese names are single units.
 */
export function organisationPath(name: string | null | undefined): string[] {
  if (!name) return [];
  const units: string[] = [];
  for (const raw of name.normalize('NFKC').toLowerCase().split(/[/>|›»]/u)) {
    const unit = raw.replace(/\s+/gu, ' ').trim();
    if (unit.length === 0 || units[units.length - 1] === unit) continue;
    units.push(unit);
  }
  return units;
}

/**
 * How well a past project's client matches the challenge's issuer: 1 for the same organisation (same path,
 * or one name containing the other, as `中国商飞` in `中国商飞上海飞机设计研究院`), `parentCredit` when only the
 * top-level organisation agrees (the same agency, another branch), else 0.
 */
export function issuerMatch(issuer: readonly string[], client: readonly string[], parentCredit: number): number {
  if (issuer.length === 0 || client.length === 0) return 0;
  const a = issuer.join('/');
  const b = client.join('/');
  if (a === b) return 1;
  if (issuer.length === 1 && client.length === 1 && Math.min(a.length, b.length) >= 2) {
    if (a.includes(b) || b.includes(a)) return 1;
  }
  if (issuer[0] === client[0]) {
    // A challenge posted by the whole agency matches every branch of it; branches of one agency match partly.
    return issuer.length === 1 ? 1 : parentCredit;
  }
  return 0;
}

/** A GB/T 4754 code, normalised: NFKC, upper case, no spaces or dots (`c 39.11` → `C3911`). */
export function industryCode(code: string | null | undefined): string {
  return (code ?? '').normalize('NFKC').toUpperCase().replace(/[\s.]/gu, '');
}

/** The major class (`C39` of `C3911`): enterprises sharing it with a challenge are candidates by industry alone. */
export function industryMajorClass(code: string): string {
  return code.slice(0, 3);
}

/**
 * Industry agreement of two GB/T 4754 codes (section letter, major class = 3 characters, middle class = 4,
 * minor class = 5): the same code 1; one code inside the other's class (`C39` and `C3911`) 0.8; the same
 * middle class 0.8; the same major class 0.6; the same section only 0.2; else 0.
 */
export function industryMatch(query: string, enterprise: string): number {
  if (query.length === 0 || enterprise.length === 0) return 0;
  if (query === enterprise) return 1;
  let common = 0;
  while (common < query.length && common < enterprise.length && query[common] === enterprise[common]) common += 1;
  if (common >= 3 && common === Math.min(query.length, enterprise.length)) return 0.8;
  if (common >= 4) return 0.8;
  if (common === 3) return 0.6;
  return common > 0 ? 0.2 : 0;
}

/** Weight of a project `age` years old: 2^(−age / halfLife); future years count as new. */
export function recencyWeight(age: number, halfLifeYears: number): number {
  return Math.pow(2, -Math.max(0, age) / halfLifeYears);
}

/** Certifications that mark a capable SME whatever the challenge (专精特新, 小巨人, 高新技术企业 and their codes). */
const QUALITY_MARKS = [
  'specialized-sme',
  'little-giant',
  'high-tech',
  'hnte',
  '专精特新',
  '小巨人',
  '高新技术企业',
  '高新技术',
  '创新型中小企业',
];

/** Certification key as `checkEligibility` compares them. */
export function certificationKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

/** Whether a certification (its key) is a general quality mark (专精特新, 小巨人, high-tech enterprise …). */
export function isQualityMark(key: string): boolean {
  return QUALITY_MARKS.some((mark) => key.includes(mark));
}

/**
 * Certifications signal of one certification: 1 when the challenge names it (all its terms among the
 * query's terms, e.g. `ISO 13485` for a medical device challenge), 0.5 for a general quality mark (专精特新,
 * 小巨人, high-tech enterprise), else 0. An enterprise gets the best value of its certifications.
 */
export function certificationValue(
  certification: { terms: readonly number[]; quality: boolean },
  queryTerms: ReadonlySet<number>,
): number {
  if (certification.terms.length > 0 && certification.terms.every((term) => queryTerms.has(term))) return 1;
  return certification.quality ? 0.5 : 0;
}

/** Saturation of an unbounded non-negative sum into [0, 1): 1 − exp(−sum / scale). */
export function saturate(sum: number, scale: number): number {
  return sum <= 0 ? 0 : 1 - Math.exp(-sum / scale);
}

/**
 * The bounded score: `100 × (1 − exp(−raw / calibration))`. Monotone in the raw score (so it never changes
 * the order) and the raw score is a weighted sum of signals that are each normalised per query to [0, 1]
 * (text signals divided by the query's own maximum attainable BM25F), which is what makes scores of one
 * SME for different challenges comparable.
 */
export function calibrateScore(raw: number, calibration: number): number {
  return raw <= 0 ? 0 : 100 * (1 - Math.exp(-raw / calibration));
}

/** Rounds to the fixed-point unit of summed scores (`QUANTUM`), so sums are exact in any order. */
export function quantise(value: number): number {
  return Math.round(value * QUANTUM);
}

export function dequantise(sum: number): number {
  return sum / QUANTUM;
}
