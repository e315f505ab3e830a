/**
 * What the reviewer pages read out of an assignment: the challenge and scorecard the API documents loosely
 * (`AssignmentDetailResponse.challenge` / `.scorecard` are open objects), and the weighted total of a review.
 */
import type { Assignment, AssignmentDetail, Challenge } from '../../api/types';
import { scoreProblem } from '../../rules/form-rules';

export interface Criterion {
  key: string;
  name: string;
  weight: number;
  maxScore: number;
}

export type Kpi = Challenge['kpis'][number];

/** `AssignmentDetailResponse.challenge`: id, title, description, industry, tags, kpis, rewardYuan, blindReview, status (+ organizationName when not blind). */
export interface AssignmentChallenge {
  id: string;
  status: Challenge['status'];
  title: string;
  description: string;
  industry: string | null;
  tags: string[];
  kpis: Kpi[];
  rewardYuan: number | null;
  blindReview: boolean;
  organizationName?: string;
}

export function challengeOf(detail: AssignmentDetail): AssignmentChallenge {
  const c = detail.challenge as Partial<AssignmentChallenge> & Record<string, unknown>;
  return {
    id: String(c.id ?? ''),
    status: (c.status ?? 'reviewing') as Challenge['status'],
    title: String(c.title ?? ''),
    description: String(c.description ?? ''),
    industry: typeof c.industry === 'string' ? c.industry : null,
    tags: Array.isArray(c.tags) ? c.tags.map(String) : [],
    kpis: Array.isArray(c.kpis) ? (c.kpis as Kpi[]) : [],
    rewardYuan: typeof c.rewardYuan === 'number' ? c.rewardYuan : null,
    // Blind unless the server says otherwise: never assume an identity may be shown.
    blindReview: c.blindReview !== false,
    organizationName: typeof c.organizationName === 'string' ? c.organizationName : undefined,
  };
}

export function criteriaOf(detail: AssignmentDetail): Criterion[] {
  const criteria = (detail.scorecard as { criteria?: unknown }).criteria;
  if (!Array.isArray(criteria)) return [];
  return criteria.map((c: Record<string, unknown>) => ({
    key: String(c.key),
    name: String(c.name ?? c.key),
    weight: Number(c.weight),
    maxScore: Number(c.maxScore),
  }));
}

export interface WeightedTotal {
  /** Σ weight × score / maxScore over the valid scores, on 0–100, rounded to two decimals. */
  total: number;
  /** Criteria with a valid score. */
  scored: number;
  /** Criteria whose score is out of 0..maxScore (left out of the total). */
  ignored: number;
}

/** The review total as the server computes it once submitted (PRODUCT.md step 6), live while the reviewer types. */
export function weightedTotal(criteria: Criterion[], scores: Record<string, number | null | undefined> | undefined): WeightedTotal {
  let total = 0;
  let scored = 0;
  let ignored = 0;
  for (const c of criteria) {
    const value = scores?.[c.key];
    if (typeof value !== 'number' || Number.isNaN(value)) continue;
    if (scoreProblem(value, c.maxScore, false) !== null) {
      ignored += 1;
      continue;
    }
    if (c.maxScore > 0) total += (c.weight * value) / c.maxScore;
    scored += 1;
  }
  return { total: Math.round(total * 100) / 100, scored, ignored };
}

/** 76 → "76", 76.5 → "76.5", 76.456 → "76.46". */
export function formatTotal(total: number): string {
  return String(Math.round(total * 100) / 100);
}

export function formatYuan(amount: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN').format(amount);
}

const ORDER: Record<Assignment['status'], number> = { assigned: 0, submitted: 1, declined: 2 };

/** Assigned first, then submitted, then declined; the server's order (newest first) within each. */
export function sortAssignments(items: Assignment[]): Assignment[] {
  return items
    .map((a, i) => ({ a, i }))
    .sort((x, y) => ORDER[x.a.status] - ORDER[y.a.status] || x.i - y.i)
    .map(({ a }) => a);
}
