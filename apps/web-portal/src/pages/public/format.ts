/** Small formatting helpers of the public pages (money, industry codes, certifications). */
import type { ChallengeStatus } from '../../api/types';


/** GB/T 4754-2017 sections (门类); an industry code starts with its section letter, e.g. C38. */
export const INDUSTRY_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T'] as const;

/** The form the list endpoint accepts for `industry` (a GB/T 4754 code prefix). */
export const INDUSTRY_PREFIX = /^[A-T]\d{0,4}$/;

/** The section letter of an industry code, when it has a known one. */
export function industrySection(code: string | null | undefined): string | null {
  const letter = (code ?? '').trim().charAt(0).toUpperCase();
  return (INDUSTRY_SECTIONS as readonly string[]).includes(letter) ? letter : null;
}

/** Certifications the platform names (API.md "Enterprises and bids"); others are free text shown as is. */
export const KNOWN_CERTIFICATIONS = ['specialized-sme', 'little-giant', 'high-tech', 'tech-sme'] as const;

export function isKnownCertification(value: string): boolean {
  return (KNOWN_CERTIFICATIONS as readonly string[]).includes(value);
}

/** Statuses the public hall lists (drafts are never public). */
export const PUBLIC_STATUSES: ChallengeStatus[] = ['published', 'closed', 'reviewing', 'shortlisted', 'publicity', 'awarded', 'cancelled', 'failed'];

export function isPublicStatus(value: string | null | undefined): value is ChallengeStatus {
  return !!value && (PUBLIC_STATUSES as string[]).includes(value);
}

/** Statuses in which a result (an award) is public. */
export const RESULT_STATUSES: ChallengeStatus[] = ['publicity', 'awarded'];

/** A UUID as the API's path parameters take it (anything else is a 400, shown as not found). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
