import 'reflect-metadata';
import { createHttpApp, runService } from '@jiebang/platform';
import { BiddingServiceModule } from './bidding-service.module';
import { acceptNdjsonStreams } from './enterprise-import/enterprise-import';

void runService('bidding-service', (config) =>
  createHttpApp(BiddingServiceModule.forRoot(config), {
    config,
    port: config.ports.bidding,
    configure: acceptNdjsonStreams,
    openApi: {
      title: 'Jiebang bidding-service',
      description: 'Enterprise profiles, enterprise import, recommendations, sealed bids, assessments and feedback.',
    },
  }),
);
