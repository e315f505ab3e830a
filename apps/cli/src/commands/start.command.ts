import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { splitDatabaseUrl } from '@jiebang/database';
import { AppConfig, serviceProcessEnv } from '@jiebang/platform';
import { migrate } from './schema.command';

const APPS = [
  { name: 'challenge-service', port: (c: AppConfig) => c.ports.challenge, docs: true },
  { name: 'bidding-service', port: (c: AppConfig) => c.ports.bidding, docs: true },
  { name: 'matching-worker', port: (c: AppConfig) => c.ports.worker, docs: false },
] as const;

/** The built entry of an app: `nest build` nests monorepo output under the app's own path. */
export function appEntry(app: string): string {
  const candidates = [join('dist/apps', app, 'main.js'), join('dist/apps', app, 'apps', app, 'src/main.js')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`${app} is not built (looked for ${candidates.join(', ')}); run npm run build`);
  return found;
}

async function checkPostgres(url: string): Promise<void> {
  const { maintenanceUrl } = splitDatabaseUrl(url);
  const client = new Client({ connectionString: maintenanceUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const where = new URL(url);
    throw new Error(
      `PostgreSQL is not reachable at ${where.hostname}:${where.port || 5432} (${(error as Error).message}).\n` +
        '  Start PostgreSQL 14+ or set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/jiebang).',
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const where = new URL(url);
    throw new Error(
      `Redis is not reachable at ${where.hostname}:${where.port || 6379} (${(error as Error).message}).\n` +
        '  Start Redis 6.2+ or set REDIS_URL (e.g. redis://127.0.0.1:6379).',
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`not ready after ${timeoutMs / 1000} s`);
}

/** `npm start`: check Postgres and Redis, migrate, run the three apps, print their URLs, stop them together. */
export async function startAll(config: AppConfig): Promise<void> {
  await checkPostgres(config.databaseUrl);
  await checkRedis(config.redisUrl);
  await migrate(config.databaseUrl);

  const children = APPS.map((app) => ({
    app,
    child: spawn(process.execPath, ['--enable-source-maps', appEntry(app.name)], { stdio: 'inherit', env: serviceProcessEnv(process.env) }),
  }));
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
    setTimeout(() => process.exit(code), 15_000).unref();
    Promise.all(children.map(({ child }) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r))))).then(() =>
      process.exit(code),
    );
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const { app, child } of children) {
    child.once('exit', (code) => {
      if (!stopping) {
        console.error(`${app.name} exited (code ${code}); stopping the others`);
        stop(1);
      }
    });
  }

  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  try {
    await Promise.all(children.map(({ app, child }) => waitReady(`http://${host}:${app.port(config)}`, child, 60_000).catch((e: Error) => {
      throw new Error(`${app.name}: ${e.message}`);
    })));
  } catch (error) {
    console.error(`start failed: ${(error as Error).message}`);
    stop(1);
    return;
  }
  const lines = APPS.map((app) => {
    const base = `http://${host}:${app.port(config)}`;
    return `  ${app.name.padEnd(18)} ${base}${app.docs ? `   (API docs: ${base}/docs)` : `   (queues: ${base}/admin/queues)`}`;
  });
  const portalBuilt = config.portal.dir !== null && existsSync(join(config.portal.dir, 'index.html'));
  const portal = portalBuilt
    ? `  Web portal         http://${host}:${config.ports.challenge}/   ← open this in a browser`
    : `  Web portal         not served (${config.portal.dir === null ? 'PORTAL_DIR=off' : `no build in ${config.portal.dir}; run npm run portal:build`})`;
  console.log(`\nJiebang is running:\n${portal}\n${lines.join('\n')}\nPress Ctrl+C to stop.\n`);
}
