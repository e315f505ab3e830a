import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, appUrl, createHttpApp } from '@jiebang/platform';
import { BIDDING_SERVICE_OPENAPI } from '../../apps/bidding-service/src/bidding-service.openapi';
import { BiddingServiceModule } from '../../apps/bidding-service/src/bidding-service.module';
import { acceptNdjsonStreams } from '../../apps/bidding-service/src/enterprise-import/enterprise-import';
import { CHALLENGE_SERVICE_OPENAPI } from '../../apps/challenge-service/src/challenge-service.openapi';
import { ChallengeServiceModule } from '../../apps/challenge-service/src/challenge-service.module';
import { servePortal } from '../../apps/challenge-service/src/portal/serve-portal';
import { registerQueueDashboard } from '../../apps/matching-worker/src/dashboard/queue-dashboard';
import { MatchingWorkerModule } from '../../apps/matching-worker/src/matching-worker.module';
import { createTestDatabase, dropTestDatabase } from './test-database';
import { testConfig } from './test-config';

export interface Stack {
  config: AppConfig;
  databaseUrl: string;
  challengeUrl: string;
  biddingUrl: string;
  workerUrl: string | null;
  challengeApp: NestFastifyApplication;
  biddingApp: NestFastifyApplication;
  worker: NestFastifyApplication | null;
  startWorker(): Promise<NestFastifyApplication>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Start the matching worker too (default true). */
  worker?: boolean;
  /** Configuration variables on top of the test defaults. */
  env?: Record<string, string>;
  /** Fixed ports (the browser tests need the portal's origin in the CORS list before the apps listen); default: OS-chosen. */
  ports?: { challenge: number; bidding: number };
}

/**
 * The real apps, started through the production bootstrap (createHttpApp) on ports chosen by the OS, against a
 * fresh database and their own queue prefix in the local Redis. Close it in afterAll.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const databaseUrl = await createTestDatabase();
  const config = testConfig(databaseUrl, options.env);
  const challengeApp = await createHttpApp(ChallengeServiceModule.forRoot(config), {
    config,
    port: options.ports?.challenge ?? 0,
    openApi: CHALLENGE_SERVICE_OPENAPI,
    configure: (app) => servePortal(app, config),
  });
  const biddingApp = await createHttpApp(BiddingServiceModule.forRoot(config), {
    config,
    port: options.ports?.bidding ?? 0,
    openApi: BIDDING_SERVICE_OPENAPI,
    configure: acceptNdjsonStreams,
  });
  const stack: Stack = {
    config,
    databaseUrl,
    challengeUrl: appUrl(challengeApp),
    biddingUrl: appUrl(biddingApp),
    workerUrl: null,
    challengeApp,
    biddingApp,
    worker: null,
    async startWorker() {
      const worker = await createHttpApp(MatchingWorkerModule.forRoot(config), { config, port: 0, configure: registerQueueDashboard });
      stack.worker = worker;
      stack.workerUrl = appUrl(worker);
      return worker;
    },
    async stopWorker() {
      await stack.worker?.close();
      stack.worker = null;
      stack.workerUrl = null;
    },
    async close() {
      await stack.stopWorker();
      await Promise.allSettled([challengeApp.close(), biddingApp.close()]);
      await dropTestDatabase(databaseUrl);
    },
  };
  if (options.worker !== false) await stack.startWorker();
  return stack;
}
