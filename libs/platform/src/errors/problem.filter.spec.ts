import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import {
  BidExistsError,
  BiddingClosedError,
  BidsSealedError,
  ConflictOfInterestError,
  DomainError,
  EmailTakenError,
  ERROR_CODES,
  ErrorCode,
  FieldError,
  ForbiddenError,
  IdempotencyInProgressError,
  IdempotencyKeyReusedError,
  InvalidCredentialsError,
  InvalidStateError,
  NotEligibleError,
  NotFoundError,
  OrganizationExistsError,
  RateLimitedError,
  RuleViolationError,
  UnauthenticatedError,
  UnavailableError,
  ValidationFailedError,
  VersionConflictError,
} from '@jiebang/domain';
import { ERROR_STATUS } from './error-status';
import { toProblem } from './problem.filter';

const TRACE = 'trace-1234';
const FIELD_ERRORS: FieldError[] = [
  { field: 'bidDeadline', message: 'bidDeadline must be in the future' },
  { field: 'kpis.0.id', message: 'unknown KPI id' },
];

/** Every DomainError subclass with the status API.md "Error codes" gives its code. */
const DOMAIN_ERRORS: Array<[DomainError, ErrorCode, number]> = [
  [new ValidationFailedError('bad', FIELD_ERRORS), 'VALIDATION_FAILED', 400],
  [new UnauthenticatedError(), 'UNAUTHENTICATED', 401],
  [new ForbiddenError(), 'FORBIDDEN', 403],
  [new NotFoundError('Challenge'), 'NOT_FOUND', 404],
  [new EmailTakenError(), 'EMAIL_TAKEN', 409],
  [new OrganizationExistsError(), 'ORGANIZATION_EXISTS', 409],
  [new InvalidCredentialsError(), 'INVALID_CREDENTIALS', 401],
  [new VersionConflictError('The bid', 3), 'VERSION_CONFLICT', 409],
  [new InvalidStateError('The bid is withdrawn.'), 'INVALID_STATE', 409],
  [new BidExistsError(), 'BID_EXISTS', 409],
  [new BiddingClosedError(), 'BIDDING_CLOSED', 422],
  [new NotEligibleError(FIELD_ERRORS), 'NOT_ELIGIBLE', 422],
  [new RuleViolationError('broken', FIELD_ERRORS), 'RULE_VIOLATION', 422],
  [new IdempotencyKeyReusedError(), 'IDEMPOTENCY_KEY_REUSED', 422],
  [new IdempotencyInProgressError(), 'IDEMPOTENCY_IN_PROGRESS', 409],
  [new BidsSealedError(), 'BIDS_SEALED', 403],
  [new ConflictOfInterestError('affiliated'), 'CONFLICT_OF_INTEREST', 403],
  [new RateLimitedError(), 'RATE_LIMITED', 429],
  [new UnavailableError('Redis is down.'), 'UNAVAILABLE', 503],
];

describe('toProblem', () => {
  it.each(DOMAIN_ERRORS)('maps %p to %s with status %d', (error, code, status) => {
    const { problem, unexpected } = toProblem(error, TRACE);

    expect(unexpected).toBe(false);
    expect(problem.code).toBe(code);
    expect(problem.status).toBe(status);
    expect(problem.status).toBe(ERROR_STATUS[code]);
    expect(problem.detail).toBe(error.message);
    expect(problem.traceId).toBe(TRACE);
    expect(problem.type).toBe(`https://jiebang.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`);
    expect(problem.title).toEqual(expect.any(String));
  });

  it('covers every error code raised by a DomainError (the others come from the framework)', () => {
    const covered = new Set(DOMAIN_ERRORS.map(([, code]) => code));

    expect(ERROR_CODES.filter((c) => !covered.has(c)).sort()).toEqual(['INTERNAL', 'PAYLOAD_TOO_LARGE']);
  });

  it.each([
    new RuleViolationError('broken', FIELD_ERRORS),
    new NotEligibleError(FIELD_ERRORS),
    new ValidationFailedError('bad', FIELD_ERRORS),
  ])('keeps the field errors of %p', (error) => {
    expect(toProblem(error, TRACE).problem.errors).toEqual(FIELD_ERRORS);
  });

  it('leaves out errors when there are none', () => {
    expect(toProblem(new RuleViolationError('broken', []), TRACE).problem).not.toHaveProperty('errors');
    expect(toProblem(new BidExistsError(), TRACE).problem).not.toHaveProperty('errors');
  });

  it('turns an unknown error into 500 INTERNAL without leaking its message or stack', () => {
    const error = new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2');

    const { problem, unexpected } = toProblem(error, TRACE);

    expect(unexpected).toBe(true);
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL', traceId: TRACE });
    const body = JSON.stringify(problem);
    expect(body).not.toContain('hunter2');
    expect(body).not.toContain('ECONNREFUSED');
    expect(body).not.toContain('problem.filter.spec');
    expect(problem).not.toHaveProperty('stack');
    expect(problem).not.toHaveProperty('errors');
  });

  it.each<[string, unknown]>([
    ['a connection killed by pg_terminate_backend (57P01, on TypeORM driverError)', Object.assign(new Error('query failed'), { driverError: { code: '57P01' } })],
    ['a connection exception (SQLSTATE class 08)', Object.assign(new Error('x'), { code: '08006' })],
    ['too many connections (53300)', Object.assign(new Error('x'), { code: '53300' })],
    ['a refused socket (ECONNREFUSED, as cause)', new Error('outer', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }) })],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['node-postgres losing its connection', new Error('Connection terminated unexpectedly')],
    ['a statement timeout (57014)', Object.assign(new Error('x'), { driverError: { code: '57014' } })],
    ['a query runner released after its connection died', Object.assign(new Error('Query runner already released'), { name: 'QueryRunnerAlreadyReleasedError' })],
  ])('turns %s into 503 UNAVAILABLE, naming no host', (_label, thrown) => {
    const { problem, unexpected } = toProblem(thrown, TRACE);

    expect(unexpected).toBe(false);
    expect(problem).toMatchObject({ status: 503, code: 'UNAVAILABLE', traceId: TRACE });
    expect(JSON.stringify(problem)).not.toContain('10.0.0.7');
  });

  it('keeps other database errors (a syntax error, a unique violation not mapped) as 500 INTERNAL', () => {
    expect(toProblem(Object.assign(new Error('x'), { driverError: { code: '42601' } }), TRACE).problem.status).toBe(500);
    expect(toProblem(Object.assign(new Error('x'), { code: '23505' }), TRACE).problem.status).toBe(500);
  });

  it.each<[string, unknown]>([
    ['a thrown string', 'boom'],
    ['null', null],
    ['an error with a 5xx statusCode', Object.assign(new Error('db exploded'), { statusCode: 502 })],
  ])('turns %s into 500 INTERNAL', (_label, thrown) => {
    const { problem, unexpected } = toProblem(thrown, TRACE);

    expect(unexpected).toBe(true);
    expect(problem.status).toBe(500);
    expect(problem.code).toBe('INTERNAL');
    expect(JSON.stringify(problem)).not.toContain('db exploded');
  });

  it('maps Fastify’s body-too-large error to 413 PAYLOAD_TOO_LARGE', () => {
    const error = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });

    const { problem, unexpected } = toProblem(error, TRACE);

    expect(unexpected).toBe(false);
    expect(problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', traceId: TRACE });
  });

  it.each([
    ['malformed JSON', { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }],
    ['an unsupported media type', { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }],
  ])('maps Fastify’s %s error to 400 VALIDATION_FAILED', (_label, fields) => {
    const { problem } = toProblem(Object.assign(new Error('x'), fields), TRACE);

    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('maps Nest HTTP exceptions and the throttler by status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /secret/route'), TRACE).problem).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Resource not found.',
    });
    expect(toProblem(new BadRequestException('Validation failed (uuid is expected)'), TRACE).problem).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(toProblem(new ThrottlerException(), TRACE).problem).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });
});
