import { ErrorCode, FieldError } from './error-codes';

/**
 * Base of every error thrown below the controllers. The error filter maps `code` to an HTTP status;
 * `detail` is safe to show to the caller (never put secrets or sealed content in it).
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly errors?: FieldError[];

  constructor(detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = new.target.name;
    if (errors && errors.length > 0) this.errors = errors;
  }
}

export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED' as const;
}
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(detail = 'Authentication is required.') {
    super(detail);
  }
}
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
  constructor(detail = 'You are not allowed to do this.') {
    super(detail);
  }
}
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(subject = 'Resource') {
    super(`${subject} not found.`);
  }
}
export class EmailTakenError extends DomainError {
  readonly code = 'EMAIL_TAKEN' as const;
  constructor() {
    super('An account with this email already exists.');
  }
}
export class OrganizationExistsError extends DomainError {
  readonly code = 'ORGANIZATION_EXISTS' as const;
  constructor() {
    super('An organization with this credit code already exists.');
  }
}
export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS' as const;
  constructor() {
    super('Email or password is wrong.');
  }
}
export class VersionConflictError extends DomainError {
  readonly code = 'VERSION_CONFLICT' as const;
  constructor(subject: string, current: number) {
    super(`${subject} was changed by someone else; re-read it (current version ${current}) and try again.`);
  }
}
export class InvalidStateError extends DomainError {
  readonly code = 'INVALID_STATE' as const;
}
export class BidExistsError extends DomainError {
  readonly code = 'BID_EXISTS' as const;
  constructor() {
    super('Your organization already has a live bid on this challenge; amend or withdraw it instead.');
  }
}
export class BiddingClosedError extends DomainError {
  readonly code = 'BIDDING_CLOSED' as const;
  constructor() {
    super('Bidding on this challenge is closed.');
  }
}
export class NotEligibleError extends DomainError {
  readonly code = 'NOT_ELIGIBLE' as const;
  constructor(errors: FieldError[]) {
    super('Your organization does not meet the eligibility rules of this challenge.', errors);
  }
}
export class RuleViolationError extends DomainError {
  readonly code = 'RULE_VIOLATION' as const;
  constructor(detail: string, errors?: FieldError[]) {
    super(detail, errors);
  }
}
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED' as const;
  constructor() {
    super('This Idempotency-Key was already used with a different request body.');
  }
}
export class IdempotencyInProgressError extends DomainError {
  readonly code = 'IDEMPOTENCY_IN_PROGRESS' as const;
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry later.');
  }
}
export class BidsSealedError extends DomainError {
  readonly code = 'BIDS_SEALED' as const;
  constructor() {
    super('Bids are sealed until bidding closes.');
  }
}
export class ConflictOfInterestError extends DomainError {
  readonly code = 'CONFLICT_OF_INTEREST' as const;
}
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED' as const;
  constructor() {
    super('Too many attempts; try again later.');
  }
}
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE' as const;
}
