/**
 * The HTTP benchmark's processes: the real apps (their own `main.ts`, compiled on load by SWC through
 * bench/register.js — the code `npm start` runs, without a build step) in production configuration, as
 * `BenchProcess`es (stack-processes.ts: output to `bench/results/logs/<label>.log`).
 */
import { randomBytes } from 'node:crypto';
import { SERVICE_NODE_OPTIONS } from '@jiebang/platform';
import { freePort } from '../../apps/cli/src/demo/own-stack';
import type { BenchEnvironment } from './environment';
import { AppName, BenchProcess, ROOT } from './stack-processes';

export { BenchProcess, freePort, ROOT };

/** A secret of the length production requires (≥ 32 characters), new for every run. */
export const benchJwtSecret = (): string => randomBytes(32).toString('hex');

/**
 * The environment an app gets, as in production: NODE_ENV=production (so the development JWT secret and the fast
 * password hashing are refused), LOG_LEVEL=warn, the default pool of 10 connections, the services' Node options
 * (`SERVICE_NODE_OPTIONS`, as `npm start` and the Docker image set them). `extra` adds or overrides.
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
    NODE_OPTIONS: SERVICE_NODE_OPTIONS,
    ...extra,
  };
}

export function appProcess(app: AppName, port: number, env: NodeJS.ProcessEnv, label: string = app, nodeArgs: string[] = []): BenchProcess {
  return new BenchProcess(label, `apps/${app}/src/main.ts`, env, nodeArgs, `http://127.0.0.1:${port}`);
}
