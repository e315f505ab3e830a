/**
 * Runs one benchmark module that exports `run(options: { full: boolean }): Promise<BenchResult[]>` in a process
 * of its own (so that one benchmark's heap, timers and open handles never touch the next one's numbers) and writes
 * its results as JSON for the runner:
 *
 *   node -r ./bench/register.js bench/support/run-module.ts bench/http.bench.ts [--full] --json out.json
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BenchModule, BenchResult } from './result';

function check(results: unknown, file: string): BenchResult[] {
  if (!Array.isArray(results)) throw new Error(`${file}: run() did not return an array of BenchResult`);
  for (const r of results as BenchResult[]) {
    if (typeof r?.name !== 'string' || typeof r.metric !== 'string' || typeof r.value !== 'number' || typeof r.unit !== 'string') {
      throw new Error(`${file}: not a BenchResult (name, metric, value: number, unit): ${JSON.stringify(r)}`);
    }
  }
  return results as BenchResult[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args[0];
  const jsonAt = args.indexOf('--json');
  if (!file || jsonAt < 0 || !args[jsonAt + 1]) throw new Error('usage: run-module.ts <bench file> [--full] --json <out>');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(resolve(file)) as Partial<BenchModule>;
  if (typeof module.run !== 'function') throw new Error(`${file} does not export run(options: { full: boolean }): Promise<BenchResult[]>`);
  const results = check(await module.run({ full: args.includes('--full') }), file);
  writeFileSync(args[jsonAt + 1], `${JSON.stringify(results, null, 2)}\n`);
}

main().then(
  // A module may leave a connection or timer behind; its results are written, so end here.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
