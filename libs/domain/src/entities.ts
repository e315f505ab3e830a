import { AuditEvent } from './audit/audit-event.entity';
import { BidRead } from './bids/bid-read.entity';
import { BidRevision } from './bids/bid-revision.entity';
import { Bid } from './bids/bid.entity';
import { ChallengeAddendum } from './challenges/challenge-addendum.entity';
import { Challenge } from './challenges/challenge.entity';
import { Question } from './challenges/question.entity';
import { EnterpriseProfile } from './enterprises/enterprise-profile.entity';
import { IdempotencyKey } from './idempotency/idempotency-key.entity';
import { Organization } from './identity/organization.entity';
import { ReviewerProfile } from './identity/reviewer-profile.entity';
import { User } from './identity/user.entity';
import { BidAssessment, ChallengeMatch, Recommendation } from './matching/match-results.entity';
import { Notification } from './notifications/notification.entity';
import { Objection } from './awards/objection.entity';
import { BidRanking } from './reviews/bid-ranking.entity';
import { ReviewAssignment } from './reviews/review-assignment.entity';
import { Review } from './reviews/review.entity';

/** Every entity of the domain, for DataSources (apps add the queue's outbox). */
export const DOMAIN_ENTITIES = [
  User,
  Organization,
  ReviewerProfile,
  EnterpriseProfile,
  Challenge,
  ChallengeAddendum,
  Question,
  Bid,
  BidRevision,
  BidRead,
  AuditEvent,
  Notification,
  IdempotencyKey,
  ChallengeMatch,
  Recommendation,
  BidAssessment,
  ReviewAssignment,
  Review,
  BidRanking,
  Objection,
];
