import 'reflect-metadata';
import { createHttpApp, runService } from '@jiebang/platform';
import { ChallengeServiceModule } from './challenge-service.module';

void runService('challenge-service', (config) =>
  createHttpApp(ChallengeServiceModule.forRoot(config), {
    config,
    port: config.ports.challenge,
    openApi: {
      title: 'Jiebang challenge-service',
      description: 'Identity, challenges, Q&A, reviews, ranking, award, objections, audit and notifications.',
    },
  }),
);
