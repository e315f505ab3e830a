/** Hard eligibility filters of a challenge (PRODUCT.md "What matching means"; API.md `eligibility`). */

export type EnterpriseSize = 'micro' | 'small' | 'medium' | 'large';

/** A challenge's restrictions. An absent or empty list means no restriction on that rule. */
export interface EligibilityRules {
  /** GB/T 2260 code prefixes: `"35"` a province, `"3502"` a city, or a full 6-digit code. */
  regions?: string[];
  sizes?: EnterpriseSize[];
  /** Every listed certification is required. */
  certifications?: string[];
}

export interface EligibilityCandidate {
  /** 6-digit GB/T 2260 code, `null` when unknown. */
  region: string | null;
  size: EnterpriseSize | null;
  certifications: string[];
}

export type EligibilityRule = 'region' | 'size' | 'certifications';

export interface EligibilityReason {
  rule: EligibilityRule;
  message: string;
}

export interface EligibilityResult {
  eligible: boolean;
  /** Every failed rule, in the order region, size, certifications; empty when eligible. */
  reasons: EligibilityReason[];
}

/**
 * Checks a candidate against every rule and reports each failure with a message naming what was required
 * and what the candidate has. An unknown region or size fails a rule that restricts it. Entries of the
 * rules are trimmed and blank ones ignored; certifications compare case-insensitively after trimming and
 * NFKC normalisation (`High-Tech` satisfies `high-tech`).
 */
export function checkEligibility(rules: EligibilityRules, candidate: EligibilityCandidate): EligibilityResult {
  const reasons: EligibilityReason[] = [];
  const region = checkRegion(cleanList(rules.regions), candidate.region);
  if (region) reasons.push({ rule: 'region', message: region });
  const size = checkSize(cleanList(rules.sizes), candidate.size);
  if (size) reasons.push({ rule: 'size', message: size });
  const certifications = checkCertifications(cleanList(rules.certifications), candidate.certifications);
  if (certifications) reasons.push({ rule: 'certifications', message: certifications });
  return { eligible: reasons.length === 0, reasons };
}

/** Trimmed, non-blank, de-duplicated entries in their original order. */
function cleanList<T extends string>(list: readonly T[] | undefined): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const entry of list ?? []) {
    const trimmed = entry.trim() as T;
    if (trimmed.length === 0 || seen.has(trimmed)) continue;
    seen.add(trimmed);
    out.push(trimmed);
  }
  return out;
}

function checkRegion(allowed: readonly string[], region: string | null): string | null {
  if (allowed.length === 0) return null;
  const code = region?.trim() ?? '';
  if (code.length === 0) return `Region is unknown; the allowed regions are ${allowed.join(', ')}.`;
  if (allowed.some((prefix) => code.startsWith(prefix))) return null;
  return `Region ${code} is not within the allowed regions ${allowed.join(', ')}.`;
}

function checkSize(allowed: readonly EnterpriseSize[], size: EnterpriseSize | null): string | null {
  if (allowed.length === 0) return null;
  if (size === null) return `Enterprise size is unknown; the allowed sizes are ${allowed.join(', ')}.`;
  if (allowed.includes(size)) return null;
  return `Enterprise size ${size} is not among the allowed sizes ${allowed.join(', ')}.`;
}

function checkCertifications(required: readonly string[], held: readonly string[]): string | null {
  if (required.length === 0) return null;
  const heldKeys = new Set(held.map(certificationKey));
  const missing = required.filter((name) => !heldKeys.has(certificationKey(name)));
  if (missing.length === 0) return null;
  const heldList = cleanList(held);
  const noun = missing.length === 1 ? 'certification' : 'certifications';
  return (
    `Missing required ${noun} ${missing.join(', ')} (required: ${required.join(', ')}; ` +
    `held: ${heldList.length > 0 ? heldList.join(', ') : 'none'}).`
  );
}

function certificationKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}
