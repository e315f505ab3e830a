import 'reflect-metadata';
import { createHttpApp, runService } from '@jiebang/platform';
import { BIDDING_SERVICE_OPENAPI } from './bidding-service.openapi';
import { BiddingServiceModule } from './bidding-service.module';
import { acceptNdjsonStreams } from './enterprise-import/enterprise-import';

void runService('bidding-service', (config) =>
  createHttpApp(BiddingServiceModule.forRoot(config), {
    config,
    port: config.ports.bidding,
    configure: acceptNdjsonStreams,
    openApi: BIDDING_SERVICE_OPENAPI,
  }),
);
