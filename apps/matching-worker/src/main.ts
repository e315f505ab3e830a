import 'reflect-metadata';
import { createHttpApp, runService } from '@jiebang/platform';
import { registerQueueDashboard } from './dashboard/queue-dashboard';
import { MatchingWorkerModule } from './matching-worker.module';

void runService('matching-worker', (config) =>
  createHttpApp(MatchingWorkerModule.forRoot(config), {
    config,
    port: config.ports.worker,
    configure: registerQueueDashboard,
  }),
);
