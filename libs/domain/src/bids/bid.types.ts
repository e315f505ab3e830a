export const BID_STATUSES = ['submitted', 'withdrawn', 'shortlisted', 'awarded', 'rejected', 'disqualified'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export interface KpiResponse {
  kpiId: string;
  commitment: string;
}

export interface Milestone {
  title: string;
  dueDay: number;
  paymentPercent: number;
}

export interface TeamMember {
  name: string;
  role: string;
}

/** The sealed content of one bid revision; its SHA-256 goes into the audit chain. */
export interface BidContent {
  summary: string;
  technicalApproach: string;
  priceYuan: number;
  durationDays: number;
  kpiResponses: KpiResponse[];
  milestones: Milestone[];
  team: TeamMember[];
}
