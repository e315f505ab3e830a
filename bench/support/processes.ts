/**
 * The HTTP benchmark's processes: the real apps (their own `main.ts`, compiled on load by SWC through
 * bench/register.js — the code `npm start` runs, without a build step) in production configuration, as
 * `BenchProcess`es (stack-processes.ts: output to `bench/results/logs/<label>.log`).
 */
import { randomBytes } from 'node:crypto';
import { freePort } from '../../apps/cli/src/demo/own-stack';
import { AppName, BenchProcess, productionEnv, ROOT } from './stack-processes';

export { BenchProcess, freePort, productionEnv, ROOT };

/** A secret of the length production requires (≥ 32 characters), new for every run. */
export const benchJwtSecret = (): string => randomBytes(32).toString('hex');

export function appProcess(app: AppName, port: number, env: NodeJS.ProcessEnv, label: string = app, nodeArgs: string[] = []): BenchProcess {
  return new BenchProcess(label, `apps/${app}/src/main.ts`, env, nodeArgs, `http://127.0.0.1:${port}`);
}
