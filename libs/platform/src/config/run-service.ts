import type { INestApplicationContext } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from './app-config';

/**
 * `main.ts` of every service: validate configuration once (listing every bad variable), start, and exit
 * non-zero with a readable message when start-up fails.
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
  try {
    await start(config);
  } catch (error) {
    console.error(`${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}
