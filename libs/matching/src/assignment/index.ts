export { assignReviewers, DEFAULT_CANDIDATES_PER_BID } from './assign-reviewers';
export { verifyAssignmentCertificate } from './verify-certificate';
export { DOCUMENT_TOP_TERMS, expertiseAffinity } from './expertise-affinity';
export { MAX_AFFINITY } from './candidate-lists';
export { ASSIGNMENT_METHOD } from './types';
/** Seeded synthetic instances, for the tests and `bench/assignment.bench.ts`. */
export { syntheticAssignmentProblem } from './synthetic-problem';
export type { SyntheticAssignmentOptions } from './synthetic-problem';
export type {
  AssignmentBid,
  AssignmentCandidate,
  AssignmentCertificate,
  AssignmentOptions,
  AssignmentPair,
  AssignmentProblem,
  AssignmentPruning,
  AssignmentResult,
  AssignmentReviewer,
  CertificateCheck,
} from './types';
