/**
 * The three apps as real child processes for the queue benchmark, started the way `npm start` runs them (each its
 * own `apps/<app>/src/main.ts`, compiled on load by bench/register.js), against a fresh migrated database and a
 * redis-server of the benchmark's own (same persistence settings as the machine's: no RDB, no AOF), so nothing
 * else using the shared Redis shows up in `INFO memory` and the benchmark disturbs nobody.
 *
 * Each app's output goes straight to a file (bench/results/logs/<label>.log; the child writes it, not this
 * process). `close()` stops the apps, the Redis and drops the database.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { dropDatabase } from '@jiebang/database';
import { AppConfig, SERVICE_NODE_OPTIONS, loadConfig } from '@jiebang/platform';
import type { BenchEnvironment } from './environment';
import { liveMemory, LiveMemory } from './inspector';
import { migrate } from '../../apps/cli/src/commands/schema.command';
import { freePort } from '../../apps/cli/src/demo/own-stack';

export type AppName = 'challenge-service' | 'bidding-service' | 'matching-worker';

export const ROOT = resolve(__dirname, '../..');
/** App logs and profiles of the benchmarks (git-ignored, like the results). */
export const BENCH_ARTIFACTS = join(ROOT, 'bench', 'results', 'logs');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One app (or the no-op worker, the bare baseline server) as a child process writing its output to a file. */
export class BenchProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> | null = null;

  constructor(
    readonly label: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly nodeArgs: string[] = [],
    readonly url: string | null = null,
    /** The V8 inspector's port, when the process runs with `--inspect` (the soak's live-memory series). */
    readonly inspectorPort: number | null = null,
  ) {}

  /** Live memory after a full collection (bench/support/inspector.ts); needs `inspectorPort`. */
  async liveMemory(): Promise<LiveMemory> {
    if (this.inspectorPort === null) throw new Error(`${this.label} runs without an inspector`);
    return liveMemory(this.inspectorPort);
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error(`${this.label} is not running`);
    return this.child.pid;
  }

  /** The app's base URL (an HTTP process). */
  get httpUrl(): string {
    if (this.url === null) throw new Error(`${this.label} serves no HTTP`);
    return this.url;
  }

  get logFile(): string {
    return join(BENCH_ARTIFACTS, `${this.label}.log`);
  }

  /** Spawns and waits until `/health/ready` answers (apps) or the script prints `ready` (no-op worker). */
  async start(timeoutMs = 90_000): Promise<void> {
    mkdirSync(BENCH_ARTIFACTS, { recursive: true });
    const log = openSync(this.logFile, 'w');
    const child = spawn(process.execPath, [...this.nodeArgs, '-r', join(ROOT, 'bench/register.js'), join(ROOT, this.script)], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', this.url ? log : 'pipe', log],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', (code) => ((this.child = null), done(code))));
    if (this.url) {
      await this.waitReady(timeoutMs);
    } else {
      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error(`${this.label} not ready within ${timeoutMs} ms`)), timeoutMs);
        child.stdout?.on('data', (data: Buffer) => {
          if (!data.toString().includes('ready')) return;
          clearTimeout(timer);
          ready();
        });
        child.once('exit', () => (clearTimeout(timer), fail(new Error(`${this.label} exited while starting; see ${this.logFile}`))));
      });
    }
  }

  /** SIGTERM (graceful: a `--cpu-prof` profile is written) and wait; SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resident set size of the process (VmRSS of /proc/<pid>/status), bytes. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  }

  /** User + system CPU time the process has used so far (/proc/<pid>/stat), milliseconds. */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  }

  /** A prom-client metric of the app's `/metrics` (first sample without labels), or NaN. */
  async metric(name: string): Promise<number> {
    if (!this.url) return NaN;
    const text = await (await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : NaN;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (!this.child) throw new Error(`${this.label} exited while starting; see ${this.logFile}`);
      try {
        if ((await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2000) })).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`${this.label} was not ready within ${timeoutMs} ms; see ${this.logFile}`);
  }
}

/** A redis-server of the benchmark's own: no persistence (as the machine's Redis: save "", appendonly no). */
export class BenchRedis {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static async start(): Promise<BenchRedis> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'jiebang-bench-redis-'));
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const redis = new BenchRedis(`redis://127.0.0.1:${port}`, child, dir);
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
    client.on('error', () => undefined);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.connect();
        await client.ping();
        break;
      } catch (error) {
        if (attempt > 100) throw new Error(`redis-server on ${port} did not answer; is redis-server on PATH?`, { cause: error });
        client.disconnect();
        await sleep(100);
      }
    }
    client.disconnect();
    return redis;
  }

  get pid(): number {
    return this.child.pid ?? NaN;
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The environment an app gets, as in production: NODE_ENV=production (so the development JWT secret and the fast
 * password hashing are refused), LOG_LEVEL=warn, the default pool of 10 connections, the services' Node options
 * (`SERVICE_NODE_OPTIONS`, as `npm start` and the Docker image set them). `extra` adds or overrides.
 */
export function productionEnv(
  env: Pick<BenchEnvironment, 'databaseUrl' | 'redisUrl' | 'queuePrefix'>,
  jwtSecret: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: env.queuePrefix,
    JWT_SECRET: jwtSecret,
    DB_POOL_SIZE: '10',
    NODE_OPTIONS: SERVICE_NODE_OPTIONS,
    ...extra,
  };
}

export interface StackOptions {
  /** Use this Redis instead of a redis-server of our own. */
  redisUrl?: string;
  /** A database already created and migrated (kept at the end); otherwise a fresh one of our own (dropped). */
  databaseUrl?: string;
  /** QUEUE_PREFIX for the apps; default a fresh one. */
  queuePrefix?: string;
  /** Extra node flags for the worker (e.g. `--cpu-prof`). */
  workerNodeArgs?: string[];
  /** Run the apps with the V8 inspector on a loopback port (`BenchProcess.liveMemory`, the soak). */
  inspect?: boolean;
  /** Environment overrides for the three apps. */
  env?: Record<string, string>;
}

export interface BenchStack {
  env: NodeJS.ProcessEnv;
  config: AppConfig;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  challenge: BenchProcess;
  bidding: BenchProcess;
  worker: BenchProcess;
  ownRedis: BenchRedis | null;
  db: Client;
  redis: Redis;
  close(): Promise<void>;
}

/** A fresh database (migrated), a Redis, and the three apps, ready. */
export async function startBenchStack(options: StackOptions = {}): Promise<BenchStack> {
  const ownRedis = options.redisUrl ? null : await BenchRedis.start();
  const redisUrl = options.redisUrl ?? ownRedis!.url;
  const tag = randomBytes(4).toString('hex');
  const ownDatabase = !options.databaseUrl;
  const base = new URL(process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/jiebang_bench_queue_${tag}`;
  const databaseUrl = options.databaseUrl ?? base.toString();
  if (ownDatabase) {
    const log = console.log;
    console.log = () => undefined; // migrate() narrates
    try {
      await migrate(databaseUrl);
    } finally {
      console.log = log;
    }
  }
  const [challengePort, biddingPort, workerPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const queuePrefix = options.queuePrefix ?? `jbq-${tag}`;
  const env = productionEnv({ databaseUrl, redisUrl, queuePrefix }, `bench-queue-secret-${randomBytes(16).toString('hex')}`, {
    CHALLENGE_PORT: String(challengePort),
    BIDDING_PORT: String(biddingPort),
    WORKER_PORT: String(workerPort),
    LOG_LEVEL: 'info',
    JWT_EXPIRES_IN_SECONDS: String(7 * 86400),
    MIN_BID_WINDOW_SECONDS: '0',
    PORTAL_DIR: 'off',
    ...options.env,
  });
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const app = async (name: AppName, port: number, nodeArgs: string[] = []) => {
    const inspectorPort = options.inspect ? await freePort() : null;
    const inspect = inspectorPort === null ? [] : [`--inspect=127.0.0.1:${inspectorPort}`];
    return new BenchProcess(`queue-${name}`, `apps/${name}/src/main.ts`, env, [...inspect, ...nodeArgs], url(port), inspectorPort);
  };
  const challenge = await app('challenge-service', challengePort);
  const bidding = await app('bidding-service', biddingPort);
  const worker = await app('matching-worker', workerPort, options.workerNodeArgs);
  await Promise.all([challenge.start(), bidding.start(), worker.start()]);
  const db = new Client({ connectionString: databaseUrl, application_name: 'jiebang-bench-queue' });
  await db.connect();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  return {
    env,
    config: loadConfig(env),
    databaseUrl,
    redisUrl,
    queuePrefix,
    challenge,
    bidding,
    worker,
    ownRedis,
    db,
    redis,
    async close() {
      await Promise.allSettled([challenge.stop(), bidding.stop(), worker.stop()]);
      await db.end().catch(() => undefined);
      if (!ownRedis) await deleteKeys(redis, `{${queuePrefix}}*`);
      redis.disconnect();
      await ownRedis?.close();
      if (ownDatabase) await dropDatabase(databaseUrl);
    },
  };
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
