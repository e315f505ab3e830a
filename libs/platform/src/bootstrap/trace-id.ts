import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const TRACE_ID = Symbol('jiebang.traceId');
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

type Tagged = IncomingMessage & { [TRACE_ID]?: string };

/**
 * The request's trace id: the caller's `X-Request-Id` when it looks sane, else a new UUID. Stored on the raw
 * request so Fastify's `request.id`, the pino logger and problem+json bodies all carry the same value.
 */
export function traceIdOf(req: IncomingMessage): string {
  const tagged = req as Tagged;
  if (!tagged[TRACE_ID]) {
    const header = req.headers['x-request-id'];
    tagged[TRACE_ID] = typeof header === 'string' && ACCEPTABLE.test(header) ? header : randomUUID();
  }
  return tagged[TRACE_ID];
}
