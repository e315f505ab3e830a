import { Global, Module } from '@nestjs/common';
import { AuditTrail } from './audit/audit-trail';
import { BidsRepository } from './bids/bids.repository';
import { ChallengesRepository, QuestionsRepository } from './challenges/challenges.repository';
import { EnterpriseImporter } from './enterprises/enterprise-importer';
import { EnterpriseProfilesRepository } from './enterprises/enterprise-profiles.repository';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { OrganizationsRepository, ReviewerProfilesRepository, UsersRepository } from './identity/identity.repositories';
import { MatchResultsRepository } from './matching/match-results.repository';
import { NotificationsRepository } from './notifications/notifications.repository';
import { ParticipantNotifier } from './notifications/participant-notifier';
import { Clock, SystemClock } from './shared/clock';
import { ObjectionsRepository } from './awards/objections.repository';
import { AwardFinalizer } from './awards/award-finalizer';
import { ReviewersRepository } from './reviews/reviewers.repository';
import { ReviewsRepository } from './reviews/reviews.repository';

const PROVIDERS = [
  UsersRepository,
  OrganizationsRepository,
  ReviewerProfilesRepository,
  EnterpriseProfilesRepository,
  ChallengesRepository,
  QuestionsRepository,
  BidsRepository,
  AuditTrail,
  NotificationsRepository,
  IdempotencyRepository,
  ParticipantNotifier,
  MatchResultsRepository,
  EnterpriseImporter,
  ReviewsRepository,
  ReviewersRepository,
  ObjectionsRepository,
  AwardFinalizer,
];

/** Repositories and domain services; needs `DatabaseModule` (TransactionHost) in the app. */
@Global()
@Module({
  providers: [...PROVIDERS, { provide: Clock, useClass: SystemClock }],
  exports: [...PROVIDERS, Clock],
})
export class DomainModule {}
