/**
 * Stable error codes of the HTTP contract (API.md "Error codes"). The HTTP status of each code lives in
 * `libs/platform` as a `Record<ErrorCode, number>`, so adding a code here without a status does not compile.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'EMAIL_TAKEN',
  'ORGANIZATION_EXISTS',
  'INVALID_CREDENTIALS',
  'VERSION_CONFLICT',
  'INVALID_STATE',
  'BID_EXISTS',
  'BIDDING_CLOSED',
  'NOT_ELIGIBLE',
  'RULE_VIOLATION',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'BIDS_SEALED',
  'CONFLICT_OF_INTEREST',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field-level problem, rendered in problem+json `errors`. */
export interface FieldError {
  field: string;
  message: string;
}
