import 'reflect-metadata';
import { createHttpApp, runService } from '@jiebang/platform';
import { CHALLENGE_SERVICE_OPENAPI } from './challenge-service.openapi';
import { ChallengeServiceModule } from './challenge-service.module';
import { servePortal } from './portal/serve-portal';

void runService('challenge-service', (config) =>
  createHttpApp(ChallengeServiceModule.forRoot(config), {
    config,
    port: config.ports.challenge,
    openApi: CHALLENGE_SERVICE_OPENAPI,
    configure: (app) => servePortal(app, config),
  }),
);
