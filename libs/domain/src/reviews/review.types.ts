export const ASSIGNMENT_STATUSES = ['assigned', 'submitted', 'declined'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Why an assignment ended without a review: the reviewer's own reasons, or `suspended` (set by the platform). */
export const REVIEWER_DECLINE_REASONS = ['conflict', 'unavailable'] as const;
export type ReviewerDeclineReason = (typeof REVIEWER_DECLINE_REASONS)[number];
export type DeclineReason = ReviewerDeclineReason | 'suspended';

export const REVIEW_STATUSES = ['draft', 'submitted'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Scores by criterion key. */
export type ReviewScores = Record<string, number>;
