import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';

export type AppName = 'challenge-service' | 'bidding-service' | 'matching-worker';

const ROOT = resolve(__dirname, '../../..');
export const FAULT_ARTIFACTS = join(ROOT, 'test-artifacts', 'faults');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal sent by `signal()` to the exit. */
  afterMs: number;
}

/**
 * One app as a real child process, started the way `npm start` runs it (its own `main.ts`, its own
 * configuration from the environment), compiled on load by SWC (bench/register.js) so no build step is needed.
 * Its output goes to `test-artifacts/faults/<label>.log`.
 */
export class AppProcess {
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;
  private exited: Promise<Exit> | null = null;
  private signalledAt = 0;
  private starts = 0;

  constructor(
    readonly app: AppName,
    readonly url: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly label: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Spawns the app and waits for `/health` (live) or `/health/ready`. */
  async start(waitFor: 'live' | 'ready' = 'ready'): Promise<void> {
    if (this.child) throw new Error(`${this.app} is already running`);
    mkdirSync(FAULT_ARTIFACTS, { recursive: true });
    this.starts += 1;
    this.log ??= createWriteStream(join(FAULT_ARTIFACTS, `${this.label}.log`), { flags: 'w' });
    this.log.write(`\n===== start #${this.starts} at ${new Date().toISOString()} =====\n`);
    const child = spawn(process.execPath, ['-r', join(ROOT, 'bench/register.js'), join(ROOT, 'apps', this.app, 'src/main.ts')], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    this.exited = new Promise((resolveExit) =>
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        this.log?.write(`===== exit code=${code} signal=${signal} =====\n`);
        resolveExit({ code, signal, afterMs: this.signalledAt ? Date.now() - this.signalledAt : 0 });
      }),
    );
    await this.waitFor(waitFor, 60_000);
  }

  /** Sends a signal (SIGKILL, SIGTERM) and returns the exit once it happened. */
  async signal(signal: NodeJS.Signals, timeoutMs = 60_000): Promise<Exit> {
    if (!this.child || !this.exited) throw new Error(`${this.app} is not running`);
    this.signalledAt = Date.now();
    this.child.kill(signal);
    const exited = this.exited;
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${this.app} did not exit within ${timeoutMs} ms of ${signal}`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    this.signalledAt = 0;
    return exit;
  }

  async stop(): Promise<void> {
    if (this.child) await this.signal('SIGKILL');
  }

  async close(): Promise<void> {
    await this.stop();
    await new Promise<void>((done) => (this.log ? this.log.end(done) : done()));
    this.log = null;
  }

  /** Polls the health endpoint until it answers 200, or fails when the process exits. */
  async waitFor(what: 'live' | 'ready', timeoutMs: number): Promise<number> {
    const started = Date.now();
    const path = what === 'live' ? '/health' : '/health/ready';
    while (Date.now() - started < timeoutMs) {
      if (!this.child) throw new Error(`${this.app} exited while starting; see test-artifacts/faults/${this.label}.log`);
      try {
        const response = await fetch(this.url + path, { signal: AbortSignal.timeout(2000) });
        if (response.ok) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${this.app} was not ${what} at ${this.url}${path} within ${timeoutMs} ms`);
  }
}
