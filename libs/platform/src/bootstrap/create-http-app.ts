import { INestApplication, Type, ValidationPipe } from '@nestjs/common';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';
import { sendProblem, toProblem } from '../errors/problem.filter';
import { problem } from '../errors/problem-details';
import { validationExceptionFactory } from '../errors/validation-errors';
import { RequestSanityPipe } from '../http/request-sanity.pipe';
import { MetricsService } from '../metrics/metrics';
import { OpenApiInfo, openApiDocument } from './openapi';
import { traceIdOf } from './trace-id';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  config: AppConfig;
  port: number;
  /** OpenAPI document at /docs and /docs-json (the API services). */
  openApi?: OpenApiInfo;
  /** Hook to register extra Fastify plugins/routes before listening (e.g. the queue dashboard). */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
}

/**
 * The one bootstrap every service uses, in production and in tests: Fastify with a 1 MiB body limit, security
 * headers, global validation (whitelist, forbid unknown fields, transform), problem+json errors with trace ids,
 * structured logs, metrics per route, OpenAPI, graceful shutdown.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new ShutdownAwareFastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: (req: IncomingMessage) => traceIdOf(req),
    trustProxy: options.config.trustProxy,
    // Our own 503 while shutting down (below): a problem+json like every other error.
    return503OnClosing: false,
    frameworkErrors: routerRefusal,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  // Security headers from helmet, its middleware made once. (@fastify/helmet builds a new helmet middleware, CSP
  // parsing included, on every request: 5% of challenge-service's CPU on a cheap read, bench/README.md.) First of the
  // hooks, so the shutdown 503 below carries them too.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
        scriptSrc: ["'self'"],
        // The portal (served by challenge-service) calls bidding-service, another origin.
        connectSrc: ["'self'", (req: IncomingMessage) => biddingOrigin(options.config, req)],
        // Helmet's default upgrades every http request to https; a portal opened over plain http on a LAN address
        // (development, the compose demo) would then load nothing. Production sits behind TLS and keeps it.
        upgradeInsecureRequests: options.config.nodeEnv === 'production' ? [] : null,
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // Graceful shutdown. From its first step a new request gets 503 UNAVAILABLE (a load balancer retries it
  // elsewhere), requests in flight finish, and every answer says `Connection: close`: Fastify closes the idle
  // keep-alive connections when the server closes, but one busy then would otherwise stay open after answering
  // (until the keep-alive timeout) and hold the process past its grace period.
  fastify.addHook('onRequest', async (request, reply) => {
    if (!adapter.closing) return;
    sendProblem(reply, problem('UNAVAILABLE', 'The service is shutting down; try again.', String(request.id)));
    return reply;
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', String(request.id));
    if (adapter.closing) reply.header('connection', 'close');
  });

  if (options.config.corsOrigins.length > 0) {
    app.enableCors({ origin: options.config.corsOrigins, credentials: false, exposedHeaders: ['x-request-id', 'idempotent-replayed'] });
  }
  app.useGlobalPipes(
    new RequestSanityPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
      validationError: { target: false, value: false },
    }),
  );
  if (options.openApi) {
    SwaggerModule.setup('docs', app, openApiDocument(app, options.openApi), { jsonDocumentUrl: 'docs-json' });
  }
  if (options.configure) await options.configure(app);
  // Exit with 0 once shut down (and let pino flush) rather than re-raising the signal.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  await app.listen({ port: options.port, host: options.config.host });
  return app;
}

/**
 * The router refuses a malformed URL (bad percent-encoding) or a path parameter over `maxParamLength` before Nest
 * sees the request; every path parameter is a UUID, so both are 400 VALIDATION_FAILED, as problem+json like every
 * other error (Fastify's default is its own JSON).
 */
function routerRefusal(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, problem('VALIDATION_FAILED', 'The URL is malformed or a path parameter is too long.', String(request.id)));
    return;
  }
  sendProblem(reply, toProblem(error, String(request.id)).problem);
}

/** Nest calls `beforeClose` as the first step of a shutdown, before the hooks and the server close. */
class ShutdownAwareFastifyAdapter extends FastifyAdapter {
  closing = false;

  override beforeClose(): void {
    this.closing = true;
    super.beforeClose();
  }
}

/**
 * The bidding-service origin a page served by this host calls: PORTAL_BIDDING_URL when set, else the request's
 * own host name at BIDDING_PORT (what the portal's client derives the same way).
 */
export function biddingOrigin(config: AppConfig, req: IncomingMessage): string {
  if (config.portal.biddingUrl !== null) return new URL(config.portal.biddingUrl).origin;
  const host = (req.headers.host ?? '127.0.0.1').replace(/:\d+$/, '');
  const safeHost = /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(host) ? host : '127.0.0.1';
  return `http://${safeHost}:${config.ports.bidding}`;
}

/** The base URL an app listens on (useful when started on port 0 in tests). */
export function appUrl(app: INestApplication): string {
  const address = app.getHttpServer().address();
  if (typeof address === 'string' || address === null) throw new Error('app is not listening on TCP');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
