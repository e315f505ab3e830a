import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIDDING_SERVICE_OPENAPI } from '../../apps/bidding-service/src/bidding-service.openapi';
import { BiddingServiceModule } from '../../apps/bidding-service/src/bidding-service.module';
import { CHALLENGE_SERVICE_OPENAPI } from '../../apps/challenge-service/src/challenge-service.openapi';
import { ChallengeServiceModule } from '../../apps/challenge-service/src/challenge-service.module';
import { previewDocument } from '../../scripts/api-client';
import { request } from '../support/http';
import { startStack, Stack } from '../support/stack';

/**
 * The web portal as challenge-service serves it (a stand-in build: the real one is exercised by
 * `npm run test:browser`), the runtime configuration it reads, CORS for its calls to bidding-service, and the
 * OpenAPI documents its typed client is generated from.
 */
describe('web portal serving, CORS and the API documents behind its client (large)', () => {
  let stack: Stack;
  let portalDir: string;
  const PORTAL_ORIGIN = 'http://portal.test:4173';

  beforeAll(async () => {
    portalDir = mkdtempSync(join(tmpdir(), 'jiebang-portal-'));
    mkdirSync(join(portalDir, 'assets'));
    writeFileSync(join(portalDir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-abc123.js"></script></body></html>');
    writeFileSync(join(portalDir, 'assets', 'app-abc123.js'), 'console.log("portal")');
    writeFileSync(join(portalDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    stack = await startStack({
      worker: false,
      env: { PORTAL_DIR: portalDir, PORTAL_BIDDING_URL: 'http://bids.example:9000/', CORS_ORIGINS: PORTAL_ORIGIN },
    });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(portalDir, { recursive: true, force: true });
  });

  it('serves the app shell at / and at every client-side route, never cached', async () => {
    for (const path of ['/', '/challenges/6f1c3c9e-2b7e-4c1e-9f61-0c6f7e0d6f10', '/lead/challenges/new', '/sme/bids?x=1']) {
      const response = await fetch(stack.challengeUrl + path, { headers: { accept: 'text/html' } });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a year of immutable caching and other files revalidated', async () => {
    const asset = await fetch(`${stack.challengeUrl}/assets/app-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await fetch(`${stack.challengeUrl}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps real 404s (problem+json) for unknown API paths and missing files', async () => {
    for (const path of ['/api/v1/nothing-here', '/assets/missing-123.js', '/docs/nope', '/health/nope']) {
      const response = await request('GET', stack.challengeUrl + path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('NOT_FOUND');
    }
  });

  it('tells the portal where bidding-service is, and lets the page connect there under its CSP', async () => {
    const config = await request('GET', `${stack.challengeUrl}/portal-config.json`);
    expect(config.status).toBe(200);
    expect(config.body).toEqual({ biddingUrl: 'http://bids.example:9000', biddingPort: 0, workerUrl: null, workerPort: 0 });
    const page = await fetch(`${stack.challengeUrl}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self' http:\/\/bids\.example:9000(;|$)/);
    // Outside production the page may be opened over plain http on a LAN address: nothing is upgraded to https.
    expect(page.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
  });

  it('allows the configured portal origin to call bidding-service, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.biddingUrl}/api/v1/bids`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
      });
    const allowed = await preflight(PORTAL_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const foreign = await preflight('http://evil.test');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const read = await fetch(`${stack.biddingUrl}/health`, { headers: { origin: PORTAL_ORIGIN } });
    expect(read.headers.get('access-control-allow-origin')).toBe(PORTAL_ORIGIN);
  });

  it('serves the same OpenAPI documents the portal client is generated from (npm run api:client)', async () => {
    const live = {
      challenge: (await request('GET', `${stack.challengeUrl}/docs-json`)).body,
      bidding: (await request('GET', `${stack.biddingUrl}/docs-json`)).body,
    };
    const preview = {
      challenge: await previewDocument(ChallengeServiceModule.forRoot(stack.config), CHALLENGE_SERVICE_OPENAPI),
      bidding: await previewDocument(BiddingServiceModule.forRoot(stack.config), BIDDING_SERVICE_OPENAPI),
    };
    expect(JSON.parse(JSON.stringify(preview))).toEqual(live);
    expect(Object.keys(live.challenge.paths).length).toBeGreaterThan(25);
  });
});
