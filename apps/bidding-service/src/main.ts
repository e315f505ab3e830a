import 'reflect-metadata';
import { createHttpApp, runService } from '@jiebang/platform';
import { BiddingServiceModule } from './bidding-service.module';

void runService('bidding-service', (config) =>
  createHttpApp(BiddingServiceModule.forRoot(config), {
    config,
    port: config.ports.bidding,
    openApi: {
      title: 'Jiebang bidding-service',
      description: 'Enterprise profiles, enterprise import, recommendations, sealed bids, assessments and feedback.',
    },
  }),
);
