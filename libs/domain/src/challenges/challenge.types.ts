export const CHALLENGE_STATUSES = [
  'draft',
  'published',
  'closed',
  'reviewing',
  'shortlisted',
  'publicity',
  'awarded',
  'cancelled',
  'failed',
] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** Statuses everyone may see (drafts are the owner's alone). */
export const PUBLIC_CHALLENGE_STATUSES: ChallengeStatus[] = CHALLENGE_STATUSES.filter((s) => s !== 'draft');

export const ENTERPRISE_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

export interface Kpi {
  id: string;
  name: string;
  target: string;
  unit: string | null;
  mandatory: boolean;
}

export interface ChallengeEligibility {
  regions?: string[];
  sizes?: EnterpriseSize[];
  certifications?: string[];
}

export interface ScorecardCriterion {
  key: string;
  name: string;
  weight: number;
  maxScore: number;
}

export interface Scorecard {
  criteria: ScorecardCriterion[];
}

export const DEFAULT_SCORECARD: Scorecard = {
  criteria: [
    { key: 'technical', name: '技术方案 Technical approach', weight: 40, maxScore: 10 },
    { key: 'team', name: '团队能力 Team capability', weight: 20, maxScore: 10 },
    { key: 'track-record', name: '业绩经验 Track record', weight: 20, maxScore: 10 },
    { key: 'price', name: '报价合理性 Price', weight: 20, maxScore: 10 },
  ],
};

export const CHALLENGE_DEFAULTS = {
  maxWinners: 1,
  shortlistSize: 3,
  passingScore: 60,
  reviewersPerBid: 3,
  blind: true,
} as const;

/** What a lead writes; ids of KPIs are assigned by the entity. */
export interface ChallengeContent {
  title: string;
  description: string;
  industry: string | null;
  tags: string[];
  kpis: Array<Omit<Kpi, 'id'> & { id?: string }>;
  rewardYuan: number;
  eligibility: ChallengeEligibility;
  bidDeadline: Date;
  maxWinners: number;
  shortlistSize: number;
  passingScore: number;
  scorecard: Scorecard;
  reviewersPerBid: number;
  blindReview: boolean;
}
