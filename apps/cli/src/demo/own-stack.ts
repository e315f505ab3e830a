import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { dropDatabase } from '@jiebang/database';
import { AppConfig, loadConfig, serviceProcessEnv } from '@jiebang/platform';
import { migrate } from '../commands/schema.command';
import { appEntry } from '../commands/start.command';
import { DemoError, sleep } from './api';

/**
 * Mode B of the demo: its own stack. The three built apps run as child processes (as `npm start` runs them —
 * an app never imports another app) against a fresh database `jiebang_demo`, their own queue prefix in the
 * local Redis, ports chosen by the OS, fast time-driven intervals and a 15-second publicity period.
 */

export const DEMO_DATABASE = 'jiebang_demo';
export const DEMO_QUEUE_PREFIX = 'jiebang-demo';
const APPS = ['challenge-service', 'bidding-service', 'matching-worker'] as const;
type AppName = (typeof APPS)[number];

export interface OwnStack {
  config: AppConfig;
  challengeUrl: string;
  biddingUrl: string;
  workerUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/** A port the OS considers free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function newestSource(dir: string): number {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds an app with `nest build` when its build is missing or older than its sources or the libraries. */
async function ensureBuilt(app: AppName): Promise<void> {
  let builtAt = 0;
  try {
    builtAt = statSync(appEntry(app)).mtimeMs;
  } catch {
    // not built
  }
  const sources = Math.max(newestSource(join('apps', app, 'src')), ...readdirSync('libs').map((lib) => newestSource(join('libs', lib, 'src'))));
  if (builtAt >= sources) return;
  const nest = join('node_modules', '.bin', process.platform === 'win32' ? 'nest.cmd' : 'nest');
  if (!existsSync(nest)) throw new DemoError(`${app} is not built (or older than its sources) and @nestjs/cli is not installed; run npm run build`);
  console.log(`  building ${app} (${builtAt === 0 ? 'not built yet' : 'its build is older than the sources'})…`);
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(nest, ['build', app], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
    child.once('exit', resolve);
  });
  if (code !== 0) throw new DemoError(`nest build ${app} failed:\n${output.join('').trim()}`);
}

async function prepareRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    // Jobs of an earlier demo run point at a database that no longer exists: start from an empty queue.
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `{${DEMO_QUEUE_PREFIX}}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (error) {
    const where = new URL(url);
    throw new DemoError(
      `Redis is not reachable at ${where.hostname}:${where.port || 6379} (${(error as Error).message}).\n` +
        '  Start Redis 6.2+ or set REDIS_URL (e.g. redis://127.0.0.1:6379).',
    );
  } finally {
    redis.disconnect();
  }
}

async function prepareDatabase(url: string): Promise<void> {
  try {
    await dropDatabase(url);
  } catch (error) {
    const where = new URL(url);
    throw new DemoError(
      `PostgreSQL is not reachable at ${where.hostname}:${where.port || 5432} (${(error as Error).message}).\n` +
        '  Start PostgreSQL 14+ or set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/jiebang); the demo uses a database jiebang_demo next to it.',
    );
  }
  await migrate(url);
}

async function waitReady(app: AppName, url: string, child: ChildProcess, logFile: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new DemoError(`${app} exited with code ${child.exitCode} while starting; see ${logFile}`);
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new DemoError(`${app} was not ready at ${url}/health/ready after ${timeoutMs / 1000} s; see ${logFile}`);
}

/** Drops and migrates `jiebang_demo`, builds the apps if needed, starts them and waits until each is ready. */
export async function startOwnStack(env: NodeJS.ProcessEnv): Promise<OwnStack> {
  const base = loadConfig(env);
  const databaseUrl = new URL(base.databaseUrl);
  databaseUrl.pathname = `/${DEMO_DATABASE}`;
  const [challenge, bidding, worker] = await Promise.all([freePort(), freePort(), freePort()]);
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: databaseUrl.toString(),
    QUEUE_PREFIX: DEMO_QUEUE_PREFIX,
    HOST: '127.0.0.1',
    CHALLENGE_PORT: String(challenge),
    BIDDING_PORT: String(bidding),
    WORKER_PORT: String(worker),
    PUBLICITY_PERIOD_SECONDS: '15',
    RECONCILE_INTERVAL_MS: '1000',
    OUTBOX_POLL_MS: '200',
    MIN_BID_WINDOW_SECONDS: '0',
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(childEnv);

  await prepareRedis(config.redisUrl);
  await prepareDatabase(config.databaseUrl);
  for (const app of APPS) await ensureBuilt(app);

  const logFile = join(tmpdir(), 'jiebang-demo.log');
  const log: WriteStream = createWriteStream(logFile, { flags: 'w' });
  const children = APPS.map((app) => {
    const child = spawn(process.execPath, ['--enable-source-maps', appEntry(app)], { env: serviceProcessEnv(childEnv), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    return { app, child };
  });
  const stop = async () => {
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    log.end();
  };
  const urls: Record<AppName, string> = {
    'challenge-service': `http://127.0.0.1:${challenge}`,
    'bidding-service': `http://127.0.0.1:${bidding}`,
    'matching-worker': `http://127.0.0.1:${worker}`,
  };
  try {
    await Promise.all(children.map(({ app, child }) => waitReady(app, urls[app], child, logFile)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { config, challengeUrl: urls['challenge-service'], biddingUrl: urls['bidding-service'], workerUrl: urls['matching-worker'], logFile, stop };
}
