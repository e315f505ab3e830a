/**
 * The throughput baseline: a bare BullMQ `Worker` on the `matching` queue with a processor that does nothing, run
 * as its own process (as the real worker is), with the real worker's options: same connection settings, key
 * prefix form, concurrency, lock duration and stalled interval. Started by bench/queue-throughput.ts:
 *
 *   NOOP_REDIS_URL=… NOOP_PREFIX=… NOOP_CONCURRENCY=2 NOOP_LOCK_MS=30000 node -r ./bench/register.js bench/queue-noop-worker.ts
 */
import { Worker } from 'bullmq';
import { bullConnection, queuePrefix } from '@jiebang/queue';

const env = process.env;
const lockMs = Number(env.NOOP_LOCK_MS ?? 30_000);
const worker = new Worker('matching', async () => undefined, {
  connection: bullConnection(env.NOOP_REDIS_URL ?? 'redis://127.0.0.1:6379'),
  prefix: queuePrefix(env.NOOP_PREFIX ?? 'jiebang-noop'),
  concurrency: Number(env.NOOP_CONCURRENCY ?? 2),
  lockDuration: lockMs,
  stalledInterval: lockMs,
});
worker.on('error', (error) => console.error(error));
void worker.waitUntilReady().then(() => console.log('ready'));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void worker.close().then(() => process.exit(0)));
}
