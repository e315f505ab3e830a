import { FeedbackController, FeedbackService } from './feedback/feedback';
import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@jiebang/auth';
import { DatabaseModule } from '@jiebang/database';
import { DOMAIN_ENTITIES, DomainModule } from '@jiebang/domain';
import { AppConfig, PlatformModule } from '@jiebang/platform';
import { QUEUE_ENTITIES, QueueModule } from '@jiebang/queue';
import { BidsController } from './bids/bids.controller';
import { BidsService } from './bids/bids.service';
import { EnterpriseImportController, EnterpriseImportService } from './enterprise-import/enterprise-import';
import { ProfilesController, ProfilesService } from './profiles/profiles';
import { RecommendationsController, RecommendationsService } from './recommendations/recommendations';

export const BIDDING_SERVICE = 'bidding-service';

/** HTTP: enterprise profiles and sealed bids (API.md "Enterprises and bids"). */
@Module({})
export class BiddingServiceModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: BiddingServiceModule,
      imports: [
        PlatformModule.forRoot({ config, serviceName: BIDDING_SERVICE, redisRequired: false }),
        DatabaseModule.forRoot(
          { url: config.databaseUrl, poolSize: config.dbPoolSize, applicationName: `jiebang-${BIDDING_SERVICE}` },
          [...DOMAIN_ENTITIES, ...QUEUE_ENTITIES],
        ),
        DomainModule,
        QueueModule,
        AuthModule.forRoot(),
      ],
      controllers: [ProfilesController, BidsController, FeedbackController, RecommendationsController, EnterpriseImportController],
      providers: [ProfilesService, BidsService, FeedbackService, RecommendationsService, EnterpriseImportService],
    };
  }
}
