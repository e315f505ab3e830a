import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCode, FieldError } from '@jiebang/domain';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_STATUS } from './error-status';
import { problem, ProblemDetails } from './problem-details';

const STATUS_CODE: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'INVALID_STATE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'VALIDATION_FAILED',
  422: 'RULE_VIOLATION',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

interface FrameworkError {
  statusCode?: unknown;
  status?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * Turns anything thrown into `application/problem+json` with a stable code and the request's trace id.
 * Unknown errors become 500 INTERNAL, logged with the trace id, never with a stack trace in the body.
 */
export function toProblem(error: unknown, traceId: string): { problem: ProblemDetails; unexpected: boolean } {
  if (error instanceof DomainError) {
    return { problem: problem(error.code, error.message, traceId, error.errors), unexpected: false };
  }
  if (error instanceof ThrottlerException) {
    return { problem: problem('RATE_LIMITED', 'Too many attempts; try again later.', traceId), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = STATUS_CODE[status];
    if (code) return { problem: problem(code, httpDetail(error, code), traceId), unexpected: false };
  }
  const framework = frameworkError(error);
  if (framework) return { problem: problem(framework.code, framework.detail, traceId), unexpected: false };
  if (isDatabaseUnavailable(error)) {
    return { problem: problem('UNAVAILABLE', 'The database (or another service it needs) is unreachable or too busy to answer; try again shortly.', traceId), unexpected: false };
  }
  return { problem: problem('INTERNAL', 'An unexpected error occurred.', traceId), unexpected: true };
}

function httpDetail(error: HttpException, code: ErrorCode): string {
  const response = error.getResponse();
  const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
  if (code === 'NOT_FOUND') return 'Resource not found.';
  if (typeof message === 'string' && message.length < 300) return message;
  if (Array.isArray(message)) return message.filter((m) => typeof m === 'string').join('; ');
  return error.message;
}

/** Network errors of a client whose server went away or cannot be reached. */
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What node-postgres says when a connection dies or none can be had in time. */
const PG_CONNECTION_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** TypeORM's errors for a query runner whose connection died under it (the pool dropped the broken client). */
const RELEASED_RUNNER = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * Postgres was unreachable, dropped the connection mid-request (restart, failover, pg_terminate_backend, pool
 * timeout) or is too busy to answer in time: SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down,
 * cannot connect now), 53300 (too many connections), 57014 (statement_timeout), 55P03 (lock not available), a
 * socket error, node-postgres's own messages or TypeORM's released runner — on the error, its TypeORM `driverError`
 * or its `cause`. The request did not commit (a transaction without its connection rolls back), so 503 and a retry
 * is the honest answer, not 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; name?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (/^08/.test(e.code) || /^(57P0[123]|53300|57014|55P03)$/.test(e.code) || CONNECTION_ERRNO.has(e.code))) {
    return true;
  }
  if (typeof e.name === 'string' && RELEASED_RUNNER.has(e.name)) return true;
  if (typeof e.message === 'string' && PG_CONNECTION_MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** Fastify's own errors (body parsing, body limit, media type) carry a `statusCode` and `FST_*` code. */
function frameworkError(error: unknown): { code: ErrorCode; detail: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as FrameworkError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.status === 'number' ? e.status : null;
  if (status === null || status >= 500) return null;
  const fastifyCode = typeof e.code === 'string' ? e.code : '';
  if (status === 413 || fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is too large.' };
  }
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return { code: 'VALIDATION_FAILED', detail: 'Unsupported Content-Type; send application/json.' };
  }
  if (status === 400) {
    return { code: 'VALIDATION_FAILED', detail: 'The request body is not valid JSON.' };
  }
  const code = STATUS_CODE[status];
  return code ? { code, detail: typeof e.message === 'string' ? e.message : ERROR_STATUS[code].toString() } : null;
}

export function sendProblem(reply: FastifyReply, body: ProblemDetails): void {
  void reply.status(body.status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem: body, unexpected } = toProblem(exception, String(request.id));
    if (unexpected) {
      this.logger.error({ err: exception, traceId: body.traceId }, 'unhandled error');
    } else if (body.code === 'UNAVAILABLE' && isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: exception, traceId: body.traceId }, 'database unavailable or too busy: answered 503');
    }
    sendProblem(reply, body);
  }
}

export type { FieldError };
