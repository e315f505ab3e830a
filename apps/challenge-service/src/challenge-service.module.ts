import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, AuthThrottlingModule } from '@jiebang/auth';
import { DatabaseModule } from '@jiebang/database';
import { DOMAIN_ENTITIES, DomainModule } from '@jiebang/domain';
import { AppConfig, PlatformModule } from '@jiebang/platform';
import { QUEUE_ENTITIES, QueueModule } from '@jiebang/queue';
import { AuditController, AuditService } from './audit/audit';
import { ChallengeResultsController, ObjectionsController } from './awards/awards.controller';
import { AwardsService } from './awards/awards.service';
import { ResultsService } from './awards/results.service';
import { ReviewAssignmentsController, ReviewersController } from './reviews/reviews.controller';
import { ReviewersService } from './reviews/reviewers.service';
import { ReviewsService } from './reviews/reviews.service';
import { ChallengesController } from './challenges/challenges.controller';
import { ChallengesService } from './challenges/challenges.service';
import { AuthController } from './identity/auth.controller';
import { IdentityService } from './identity/identity.service';
import { MatchesController, MatchesService } from './matches/matches';
import { NotificationsController, NotificationsService } from './notifications/notifications';
import { QuestionsController, QuestionsService } from './questions/questions';

export const CHALLENGE_SERVICE = 'challenge-service';

/** HTTP: identity, challenges, Q&A, reviews, ranking, award, objections, audit, notifications (API.md "Services"). */
@Module({})
export class ChallengeServiceModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ChallengeServiceModule,
      imports: [
        PlatformModule.forRoot({ config, serviceName: CHALLENGE_SERVICE, redisRequired: false }),
        DatabaseModule.forRoot(
          { url: config.databaseUrl, poolSize: config.dbPoolSize, applicationName: `jiebang-${CHALLENGE_SERVICE}` },
          [...DOMAIN_ENTITIES, ...QUEUE_ENTITIES],
        ),
        DomainModule,
        QueueModule,
        AuthModule.forRoot(),
        AuthThrottlingModule,
      ],
      controllers: [
        AuthController,
        ChallengesController,
        QuestionsController,
        AuditController,
        NotificationsController,
        MatchesController,
        ReviewAssignmentsController,
        ReviewersController,
        ChallengeResultsController,
        ObjectionsController,
      ],
      providers: [
        IdentityService,
        ChallengesService,
        QuestionsService,
        AuditService,
        NotificationsService,
        MatchesService,
        ReviewsService,
        ReviewersService,
        ResultsService,
        AwardsService,
      ],
    };
  }
}
