import { DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AuthModule } from '@jiebang/auth';
import { DatabaseModule } from '@jiebang/database';
import { DOMAIN_ENTITIES, DomainModule } from '@jiebang/domain';
import { AppConfig, PlatformModule } from '@jiebang/platform';
import { bullConnection, OutboxRepository, QUEUE_ENTITIES, QUEUE_NAMES, QueueModule, queueOptions, queuePrefix } from '@jiebang/queue';
import { configuredProcessor } from './jobs/configured-processor';
import { MatchingHandlers } from './matching/matching.handlers';
import { MATCHING_CONCURRENCY } from './matching/matching-limits';
import { MatchingProcessor } from './matching/matching.processor';
import { ProfileIndex } from './matching/profile-index';
import { OutboxRelay } from './outbox/outbox-relay';
import { AggregateReviewsTransition } from './reviews/aggregate-reviews.transition';
import { AssignReviewersTransition } from './reviews/assign-reviewers.transition';
import { FinalizePublicityTransition } from './reviews/finalize-publicity.transition';
import { CloseBiddingTransition } from './transitions/close-bidding.transition';
import { Reconciler } from './transitions/reconciler';
import { TransitionsProcessor } from './transitions/transitions.processor';

export const MATCHING_WORKER = 'matching-worker';

/** BullMQ processors, the outbox relay and the reconciler; a small HTTP surface for health, metrics and queues. */
@Module({})
export class MatchingWorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { defaultJobOptions } = queueOptions(config.redisUrl, config.queuePrefix, config.jobs);
    return {
      module: MatchingWorkerModule,
      imports: [
        PlatformModule.forRoot({ config, serviceName: MATCHING_WORKER, redisRequired: true }),
        DatabaseModule.forRoot(
          { url: config.databaseUrl, poolSize: config.dbPoolSize, applicationName: `jiebang-${MATCHING_WORKER}` },
          [...DOMAIN_ENTITIES, ...QUEUE_ENTITIES],
        ),
        DomainModule,
        QueueModule,
        AuthModule.forRoot(),
        BullModule.forRoot({ connection: bullConnection(config.redisUrl), prefix: queuePrefix(config.queuePrefix), defaultJobOptions }),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
      ],
      providers: [
        OutboxRepository,
        OutboxRelay,
        CloseBiddingTransition,
        AssignReviewersTransition,
        AggregateReviewsTransition,
        FinalizePublicityTransition,
        Reconciler,
        configuredProcessor(TransitionsProcessor, 'transitions', config, { concurrency: 4 }),
        ProfileIndex,
        MatchingHandlers,
        configuredProcessor(MatchingProcessor, 'matching', config, { concurrency: MATCHING_CONCURRENCY }),
      ],
    };
  }
}
