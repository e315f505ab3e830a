import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../../apps/cli/src/demo/own-stack';
import { startStack, Stack } from '../../support/stack';

/** Debian's Chromium (`.ci/run` installs the `chromium` package); `CHROMIUM_PATH` points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'browser');

/**
 * Headless Chromium as root on a closed network: no sandbox, a fresh profile per launch (playwright's default
 * temporary user-data-dir), and none of Chromium's background connections (they are refused here, many at a time).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}

export interface PortalStack extends Stack {
  /** The portal's URL, as `npm start` prints it. */
  portalUrl: string;
}

/**
 * The real stack serving the built portal (dist/web-portal, `npm run portal:build`): fixed ports chosen up front
 * so the portal's origin is in bidding-service's CORS list, as in `npm start`.
 */
export async function startPortalStack(env: Record<string, string> = {}): Promise<PortalStack> {
  const challenge = await freePort();
  const bidding = await freePort();
  const portalUrl = `http://127.0.0.1:${challenge}`;
  const stack = await startStack({
    ports: { challenge, bidding },
    env: {
      CHALLENGE_PORT: String(challenge),
      BIDDING_PORT: String(bidding),
      PORTAL_DIR: join(__dirname, '..', '..', '..', 'dist', 'web-portal'),
      CORS_ORIGINS: portalUrl,
      ...env,
    },
  });
  return Object.assign(stack, { portalUrl });
}

/** A browser context per actor (its own localStorage, so its own session), in Chinese and Shanghai time. */
export async function actorContext(browser: Browser, options: { mobile?: boolean; locale?: string; timezoneId?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: options.locale ?? 'zh-CN',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
    ...(options.mobile ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1366, height: 900 } }),
  });
  context.setDefaultTimeout(20_000);
  return context;
}

let shotIndex = 0;

/**
 * Saves a full-page screenshot as test-artifacts/browser/<spec>-<NN>-<name>.png: grouped by test file, numbered
 * in the order taken.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  shotIndex += 1;
  const spec = basename(expect.getState().testPath ?? 'browser').replace(/\.browser-spec\.ts$/, '');
  const path = join(ARTIFACTS, `${spec}-${String(shotIndex).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Collects a page's uncaught exceptions and console errors into `errors`, so a test can assert the portal ran cleanly. */
export function watchPage(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`${page.url()} pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()} console: ${message.text()}`);
  });
}
