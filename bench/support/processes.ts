/**
 * Processes a benchmark starts: the real apps (their own `main.ts`, compiled on load by SWC through
 * bench/register.js — the code `npm start` runs, without a build step) and the bare baseline server, each in its
 * own Node process with its own environment. Output goes to `bench/results/logs/<label>.log`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../apps/cli/src/demo/own-stack';
import type { BenchEnvironment } from './environment';

export const ROOT = resolve(__dirname, '../..');
export const LOG_DIR = join(ROOT, 'bench/results/logs');

export type AppName = 'challenge-service' | 'bidding-service' | 'matching-worker';

export { freePort };

export class BenchProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private exited: Promise<void> | null = null;

  constructor(
    readonly label: string,
    /** Script path relative to the repository root. */
    private readonly script: string,
    readonly url: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly healthPath = '/health/ready',
    /** Extra Node flags (e.g. `--cpu-prof`). */
    private readonly nodeArgs: string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    mkdirSync(LOG_DIR, { recursive: true });
    this.log = createWriteStream(join(LOG_DIR, `${this.label}.log`), { flags: 'w' });
    const child = spawn(process.execPath, [...this.nodeArgs, '-r', join(ROOT, 'bench/register.js'), join(ROOT, this.script)], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        this.log?.write(`\n===== exit code=${code} signal=${signal} =====\n`);
        if (this.child === child) this.child = null;
        done();
      }),
    );
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (!this.child) throw new Error(`${this.label} exited while starting; see bench/results/logs/${this.label}.log`);
      try {
        const response = await fetch(this.url + this.healthPath, { signal: AbortSignal.timeout(2000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.label} did not answer ${this.url}${this.healthPath} within ${timeoutMs} ms`);
  }

  /** SIGTERM (graceful shutdown), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && this.exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((done) => (this.log ? this.log.end(done) : done()));
    this.log = null;
  }
}

/** A secret of the length production requires (≥ 32 characters), new for every run. */
export const benchJwtSecret = (): string => randomBytes(32).toString('hex');

/**
 * The environment an app gets, as in production: NODE_ENV=production (so the development JWT secret and the fast
 * password hashing are refused), LOG_LEVEL=warn, the default pool of 10 connections. `extra` adds or overrides.
 */
export function productionEnv(env: BenchEnvironment, jwtSecret: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
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
    ...extra,
  };
}

export function appProcess(app: AppName, port: number, env: NodeJS.ProcessEnv, label: string = app, nodeArgs: string[] = []): BenchProcess {
  return new BenchProcess(label, `apps/${app}/src/main.ts`, `http://127.0.0.1:${port}`, env, '/health/ready', nodeArgs);
}
