import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from '../../../apps/cli/src/demo/own-stack';

/**
 * A redis-server of the test's own, on its own port and directory, so stopping it never disturbs the machine's
 * shared Redis or another test. It keeps its data in an append-only file (fsync on every write), so `stop()` +
 * `start()` is a restart with the data kept and `wipe()` a restart that lost it.
 */
export class OwnRedis {
  private process: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), mkdtempSync(join(tmpdir(), 'jiebang-fault-redis-')));
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== null;
  }

  async start(): Promise<void> {
    if (this.process) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes'];
    const child = spawn('redis-server', [...args, '--appendfsync', 'always', '--logfile', join(this.dir, 'redis.log')], { stdio: 'ignore' });
    const failed = new Promise<never>((_, reject) =>
      child.once('error', (error) =>
        reject(new Error(`the fault tests start their own redis-server and could not (${error.message}); install Redis 6.2+ (redis-server on PATH)`)),
      ),
    );
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) this.process = null;
    });
    await Promise.race([failed, this.waitUntilAnswering()]);
  }

  /** SIGTERM: Redis fsyncs its append-only file and exits; the data is kept for the next start. */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
    this.process = null;
  }

  /** Stops Redis and deletes its files: the next start is empty (a restart without persistence, a lost volume). */
  async wipe(): Promise<void> {
    await this.stop();
    for (const entry of readdirSync(this.dir)) if (entry !== 'redis.log') rmSync(join(this.dir, entry), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A short-lived client for the test's own inspection. */
  async connect(): Promise<Redis> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1, lazyConnect: true });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  private async waitUntilAnswering(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`own redis-server on port ${this.port} did not answer within 10 s`);
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        client.disconnect();
      }
    }
  }
}
