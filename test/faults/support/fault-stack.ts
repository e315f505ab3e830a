import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QUEUE_NAMES, QueueName, queuePrefix } from '@jiebang/queue';
import { freePort } from '../../../apps/cli/src/demo/own-stack';
import { createTestDatabase, dropTestDatabase } from '../../support/test-database';
import { AppProcess, AppName, FAULT_ARTIFACTS } from './app-process';
import { OwnRedis } from './redis-server';
import { TcpProxy } from './tcp-proxy';

export const ADMIN = { email: 'fault-admin@example.com', password: 'fault-admin-password-1' };

/**
 * The three apps as child processes against a fresh database and a redis-server of the test's own, with fast
 * time-driven intervals and short job locks (a killed worker's jobs come back within seconds). The test talks
 * to the apps over HTTP and checks outcomes with SQL (`db`) and BullMQ's own counts (`queues`).
 */
export interface FaultStack {
  name: string;
  databaseUrl: string;
  databaseName: string;
  redis: OwnRedis;
  postgresProxy: TcpProxy | null;
  challenge: AppProcess;
  bidding: AppProcess;
  worker: AppProcess;
  challengeUrl: string;
  biddingUrl: string;
  db: Client;
  queues: Record<QueueName, Queue>;
  queuePrefix: string;
  close(): Promise<void>;
}

export interface FaultStackOptions {
  /** Connect the apps to Postgres through a proxy the test can cut (`stack.postgresProxy`). */
  postgresProxy?: boolean;
}

export async function startFaultStack(name: string, env: Record<string, string> = {}, options: FaultStackOptions = {}): Promise<FaultStack> {
  const redis = await OwnRedis.start();
  const databaseUrl = await createTestDatabase();
  const direct = new URL(databaseUrl);
  const postgresProxy = options.postgresProxy ? await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) }) : null;
  const appDatabaseUrl = new URL(databaseUrl);
  if (postgresProxy) {
    appDatabaseUrl.hostname = '127.0.0.1';
    appDatabaseUrl.port = String(postgresProxy.port);
  }
  const [challengePort, biddingPort, workerPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const prefix = `jbf-${randomBytes(4).toString('hex')}`;
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: appDatabaseUrl.toString(),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    CHALLENGE_PORT: String(challengePort),
    BIDDING_PORT: String(biddingPort),
    WORKER_PORT: String(workerPort),
    LOG_LEVEL: 'info',
    PASSWORD_HASH_PROFILE: 'fast',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    OUTBOX_POLL_MS: '100',
    RECONCILE_INTERVAL_MS: '300',
    JOB_LOCK_MS: '2000',
    JOB_BACKOFF_MS: '200',
    SHUTDOWN_GRACE_MS: '8000',
    MIN_BID_WINDOW_SECONDS: '0',
    DB_POOL_SIZE: '5',
    PORTAL_DIR: 'off',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...env,
  };
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const spawnApp = (app: AppName, port: number) => new AppProcess(app, url(port), childEnv, `${name}-${app}`);
  const challenge = spawnApp('challenge-service', challengePort);
  const bidding = spawnApp('bidding-service', biddingPort);
  const worker = spawnApp('matching-worker', workerPort);
  await Promise.all([challenge.start(), bidding.start(), worker.start()]);
  const db = new Client({ connectionString: databaseUrl, application_name: 'jiebang-fault-test' });
  await db.connect();
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((q) => [q, new Queue(q, { connection: { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null }, prefix: queuePrefix(prefix) })]),
  ) as Record<QueueName, Queue>;
  for (const queue of Object.values(queues)) queue.on('error', () => undefined);
  return {
    name,
    databaseUrl,
    databaseName: new URL(databaseUrl).pathname.slice(1),
    redis,
    postgresProxy,
    challenge,
    bidding,
    worker,
    challengeUrl: challenge.url,
    biddingUrl: bidding.url,
    db,
    queues,
    queuePrefix: prefix,
    async close() {
      await Promise.allSettled(Object.values(queues).map((q) => q.close()));
      await Promise.allSettled([challenge.close(), bidding.close(), worker.close()]);
      await db.end().catch(() => undefined);
      await redis.close();
      await postgresProxy?.cut();
      await dropTestDatabase(databaseUrl);
    },
  };
}

/** Jobs not yet done on every queue (waiting, active, due delayed, prioritized; a paused queue's jobs count as waiting). */
export async function unfinishedJobs(stack: FaultStack): Promise<number> {
  let total = 0;
  for (const queue of Object.values(stack.queues)) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
    total += Object.values(counts).reduce((a, b) => a + b, 0);
    const delayed = await queue.getDelayed();
    total += delayed.filter((job) => job.timestamp + (job.delay ?? 0) <= Date.now()).length;
  }
  return total;
}

/** Failed jobs on every queue, by name. */
export async function failedJobs(stack: FaultStack): Promise<Array<{ name: string; reason: string }>> {
  const failed = [];
  for (const queue of Object.values(stack.queues)) {
    for (const job of await queue.getFailed()) failed.push({ name: job.name, reason: job.failedReason });
  }
  return failed;
}

/** Outbox rows not yet published to Redis. */
export async function pendingOutbox(stack: FaultStack): Promise<number> {
  const { rows } = await stack.db.query('SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL');
  return rows[0].n;
}

/** Waits until the outbox is empty and no job is left to run; returns how long it took. */
export async function waitDrained(stack: FaultStack, timeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const [pending, unfinished] = await Promise.all([pendingOutbox(stack), unfinishedJobs(stack)]);
    if (pending === 0 && unfinished === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not drained after ${timeoutMs} ms: ${pending} outbox rows pending, ${unfinished} jobs unfinished`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Appends a measured recovery time to test-artifacts/faults/recovery.ndjson and prints it. */
export function recordRecovery(scenario: string, ms: number, extra: Record<string, unknown> = {}): void {
  mkdirSync(FAULT_ARTIFACTS, { recursive: true });
  const entry = { scenario, recoveryMs: ms, at: new Date().toISOString(), ...extra };
  appendFileSync(join(FAULT_ARTIFACTS, 'recovery.ndjson'), `${JSON.stringify(entry)}\n`);
  console.log(`recovery: ${scenario}: ${ms} ms ${Object.keys(extra).length ? JSON.stringify(extra) : ''}`);
}
