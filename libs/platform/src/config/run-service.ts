import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from './app-config';

/**
 * `main.ts` of every service: validate configuration once (listing every bad variable), start, and exit
 * non-zero with a readable message when start-up fails. On SIGTERM or SIGINT the app shuts down gracefully
 * (createHttpApp enables Nest's shutdown hooks: stop taking requests and jobs, finish those in flight, close the
 * pools); if that takes longer than SHUTDOWN_GRACE_MS the process exits anyway, with code 1.
 */
export async function runService(name: string, start: (config: AppConfig) => Promise<INestApplicationContext>): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${name}: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      const started = Date.now();
      setTimeout(() => {
        console.error(`${name}: still shutting down ${Date.now() - started} ms after ${signal} (SHUTDOWN_GRACE_MS); exiting now`);
        process.exit(1);
      }, config.shutdownGraceMs).unref();
    });
  }
  try {
    await start(config);
  } catch (error) {
    console.error(`${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}
