export const ROLES = ['lead', 'sme', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const SELF_REGISTERING_ROLES = ['lead', 'sme', 'reviewer'] as const;
export type SelfRegisteringRole = (typeof SELF_REGISTERING_ROLES)[number];

export const REVIEWER_STATUSES = ['pending', 'approved', 'suspended'] as const;
export type ReviewerStatus = (typeof REVIEWER_STATUSES)[number];
