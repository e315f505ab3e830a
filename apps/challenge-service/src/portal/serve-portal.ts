import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from '@jiebang/platform';

/** Paths the portal never answers: the APIs, their docs, health and metrics keep their own 404s. */
const NOT_PORTAL = /^\/(api|docs|docs-json|health|metrics)(\/|$)/;

/** What the portal reads at start-up to find the other services (`GET /portal-config.json`). */
export interface PortalRuntimeConfig {
  /** bidding-service base URL; `null`: the page's own host name at `biddingPort`. */
  biddingUrl: string | null;
  biddingPort: number;
  /** matching-worker base URL (queue dashboard); `null`: the page's own host name at `workerPort`. */
  workerUrl: string | null;
  workerPort: number;
}

export function portalRuntimeConfig(config: AppConfig): PortalRuntimeConfig {
  return {
    biddingUrl: config.portal.biddingUrl,
    biddingPort: config.ports.bidding,
    workerUrl: config.portal.workerUrl,
    workerPort: config.ports.worker,
  };
}

/**
 * Serves the built web portal (apps/web-portal → PORTAL_DIR) from challenge-service: hashed assets with a year's
 * immutable caching, `index.html` (never cached) for `/` and every client-side route, and the runtime
 * configuration at `/portal-config.json`. Without a built portal the service runs as before and says so once.
 */
export async function servePortal(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const logger = new Logger('Portal');
  if (config.portal.dir === null) return;
  const root = resolve(config.portal.dir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    logger.warn(`the web portal is not built (no ${indexFile}); run npm run build to serve it`);
    return;
  }
  const indexHtml = readFileSync(indexFile);
  const loopbackOnly = config.corsOrigins.every((o) => /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(o));
  if (!/^(127\.0\.0\.1|localhost|::1)$/.test(config.host) && loopbackOnly && config.portal.biddingUrl === null) {
    logger.warn(
      `listening on ${config.host}, but CORS_ORIGINS allows loopback origins only: a browser opening the portal by another ` +
        'address cannot reach bidding-service. Set CORS_ORIGINS (and PORTAL_BIDDING_URL) to the addresses people use.',
    );
  }
  const fastify = app.getHttpAdapter().getInstance();
  const runtime = JSON.stringify(portalRuntimeConfig(config));

  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/portal-config.json', (_request, reply) => {
    void reply.header('cache-control', 'no-cache').type('application/json').send(runtime);
  });
  const shell = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
  fastify.get('/', (_request, reply) => shell(reply));
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    // API-looking paths and missing files (anything with an extension) are real 404s, not the app shell.
    if (NOT_PORTAL.test(path) || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return shell(reply);
  });
}
