/**
 * The challenge form's values and their conversion to and from the API (CreateChallengeDto / UpdateChallengeDto).
 * The form's field names follow the DTO's paths (`eligibility.regions`, `scorecard.criteria.0.weight`,
 * `review.reviewersPerBid`) so that the server's problem+json field errors land beside the right field.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { Challenge, CreateChallenge, UpdateChallenge } from '../../api/types';

export type EnterpriseSize = 'micro' | 'small' | 'medium' | 'large';
export const SIZES: EnterpriseSize[] = ['micro', 'small', 'medium', 'large'];
export const KNOWN_CERTIFICATIONS = ['specialized-sme', 'little-giant', 'high-tech', 'tech-sme'] as const;

export interface KpiValues {
  id?: string;
  name?: string;
  target?: string;
  unit?: string;
  mandatory?: boolean;
}

export interface CriterionValues {
  key?: string;
  name?: string;
  weight?: number | null;
  maxScore?: number | null;
}

export interface ChallengeFormValues {
  title?: string;
  description?: string;
  industry?: string;
  tags?: string[];
  kpis?: KpiValues[];
  rewardYuan?: number | null;
  eligibility?: { regions?: string[]; sizes?: EnterpriseSize[]; certifications?: string[] };
  bidDeadline?: Dayjs | null;
  maxWinners?: number | null;
  shortlistSize?: number | null;
  passingScore?: number | null;
  scorecard?: { criteria?: CriterionValues[] };
  review?: { reviewersPerBid?: number | null; blind?: boolean };
}

/** A scorecard most 揭榜挂帅 calls use: technical approach, team, price, schedule. */
export const DEFAULT_CRITERIA: CriterionValues[] = [
  { key: 'technical', name: '技术方案', weight: 40, maxScore: 10 },
  { key: 'team', name: '团队能力', weight: 20, maxScore: 10 },
  { key: 'price', name: '报价', weight: 20, maxScore: 10 },
  { key: 'schedule', name: '工期', weight: 20, maxScore: 10 },
];

/** The default scorecard in the viewer's language (keys stay the same). */
export function defaultCriteria(language: string): CriterionValues[] {
  const english: Record<string, string> = { technical: 'Technical approach', team: 'Team', price: 'Price', schedule: 'Schedule' };
  return DEFAULT_CRITERIA.map((c) => ({ ...c, name: language === 'en' ? english[c.key!] : c.name }));
}

export function newChallengeValues(language: string): ChallengeFormValues {
  return {
    tags: [],
    kpis: [{ mandatory: true }],
    eligibility: { regions: [], sizes: [], certifications: [] },
    maxWinners: 1,
    shortlistSize: 3,
    passingScore: 60,
    scorecard: { criteria: defaultCriteria(language) },
    review: { reviewersPerBid: 3, blind: true },
  };
}

export function challengeToValues(c: Challenge): ChallengeFormValues {
  return {
    title: c.title,
    description: c.description,
    industry: c.industry ?? undefined,
    tags: c.tags,
    kpis: c.kpis.map((k) => ({ id: k.id, name: k.name, target: k.target, unit: k.unit ?? undefined, mandatory: k.mandatory })),
    rewardYuan: c.rewardYuan,
    eligibility: {
      regions: c.eligibility.regions ?? [],
      sizes: c.eligibility.sizes ?? [],
      certifications: c.eligibility.certifications ?? [],
    },
    bidDeadline: dayjs(c.bidDeadline),
    maxWinners: c.maxWinners,
    shortlistSize: c.shortlistSize,
    passingScore: c.passingScore,
    scorecard: { criteria: c.scorecard.criteria.map((k) => ({ key: k.key, name: k.name, weight: k.weight, maxScore: k.maxScore })) },
    review: { reviewersPerBid: c.review.reviewersPerBid, blind: c.review.blind },
  };
}

const trimmed = (value: string | undefined | null) => (value ?? '').trim();
const list = (values: string[] | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];

/** The body of `POST /api/v1/challenges` (the form is validated first, so required values are present). */
export function valuesToCreate(v: ChallengeFormValues): CreateChallenge {
  const industry = trimmed(v.industry).toUpperCase();
  return {
    title: trimmed(v.title),
    description: trimmed(v.description),
    industry: industry === '' ? null : industry,
    tags: list(v.tags),
    kpis: (v.kpis ?? [])
      .filter((k): k is KpiValues => !!k)
      .map((k) => ({
        ...(k.id ? { id: k.id } : {}),
        name: trimmed(k.name),
        target: trimmed(k.target),
        ...(trimmed(k.unit) ? { unit: trimmed(k.unit) } : {}),
        mandatory: k.mandatory ?? true,
      })),
    rewardYuan: Math.round(v.rewardYuan ?? 0),
    eligibility: {
      regions: list(v.eligibility?.regions),
      sizes: [...new Set(v.eligibility?.sizes ?? [])],
      certifications: list(v.eligibility?.certifications),
    },
    bidDeadline: (v.bidDeadline ?? dayjs()).toDate().toISOString(),
    maxWinners: v.maxWinners ?? 1,
    shortlistSize: v.shortlistSize ?? 3,
    passingScore: v.passingScore ?? 60,
    scorecard: {
      criteria: (v.scorecard?.criteria ?? [])
        .filter((c): c is CriterionValues => !!c)
        .map((c) => ({ key: trimmed(c.key), name: trimmed(c.name), weight: c.weight ?? 0, maxScore: c.maxScore ?? 10 })),
    },
    review: { reviewersPerBid: v.review?.reviewersPerBid ?? 3, blind: v.review?.blind ?? true },
  };
}

/** The body of `PATCH /api/v1/challenges/:id`: every field (KPIs keep their ids) and the version read. */
export function valuesToUpdate(v: ChallengeFormValues, version: number): UpdateChallenge {
  return { ...valuesToCreate(v), version };
}

/** A criterion key not yet used: `criterion-2`, `criterion-3`, … */
export function nextCriterionKey(criteria: (CriterionValues | undefined)[] | undefined): string {
  const used = new Set((criteria ?? []).map((c) => c?.key));
  let n = (criteria?.length ?? 0) + 1;
  while (used.has(`criterion-${n}`)) n += 1;
  return `criterion-${n}`;
}

export const CRITERION_KEY = /^[a-z][a-z0-9-]{0,39}$/;
export const REGION_PREFIX = /^\d{2}(\d{2}){0,2}$/;
export const INDUSTRY_CODE = /^[A-T](\d{2,4})?$/;
