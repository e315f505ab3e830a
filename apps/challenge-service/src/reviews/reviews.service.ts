import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import {
  Actor,
  AuditTrail,
  Bid,
  BidRead,
  BidsRepository,
  Challenge,
  ChallengesRepository,
  everyReviewIn,
  InvalidStateError,
  NotFoundError,
  OrganizationsRepository,
  Review,
  ReviewAssignment,
  ReviewsRepository,
} from '@jiebang/domain';
import { reviewTotal } from '@jiebang/matching';
import { Outbox } from '@jiebang/queue';
import {
  AssignmentDetailResponse,
  AssignmentPageResponse,
  AssignmentResponse,
  DeclineAssignmentDto,
  ListAssignmentsQueryDto,
  ReviewBidResponse,
  ReviewResponse,
  WriteReviewDto,
} from './review.dto';

export function toAssignmentResponse(a: ReviewAssignment, forAdmin: boolean): AssignmentResponse {
  return {
    id: a.id,
    challengeId: a.challengeId,
    bidId: a.bidId,
    status: a.status,
    affinity: a.affinity,
    assignedAt: a.assignedAt.toISOString(),
    declineReason: a.declineReason,
    ...(forAdmin ? { reviewerId: a.reviewerId } : {}),
  };
}

function toReviewResponse(r: Review): ReviewResponse {
  return {
    status: r.status,
    scores: r.scores,
    comment: r.comment,
    privateNote: r.privateNote,
    total: r.total,
    submittedAt: r.submittedAt?.toISOString() ?? null,
  };
}

/** The bid as a reviewer reads it: with blind review nothing that identifies the bidder (name, code, id, team names). */
function toReviewBid(bid: Bid, challenge: Challenge, organization: { name: string; creditCode: string | null } | null): ReviewBidResponse {
  const content = {
    id: bid.id,
    revision: bid.revision,
    summary: bid.summary,
    technicalApproach: bid.technicalApproach,
    priceYuan: bid.priceYuan,
    durationDays: bid.durationDays,
    kpiResponses: bid.kpiResponses.map((k) => ({ kpiId: k.kpiId, commitment: k.commitment })),
    milestones: bid.milestones.map((m) => ({ title: m.title, dueDay: m.dueDay, paymentPercent: m.paymentPercent })),
  };
  if (challenge.blindReview) return { ...content, team: bid.team.map((t) => ({ role: t.role })) };
  return {
    ...content,
    team: bid.team.map((t) => ({ name: t.name, role: t.role })),
    organizationId: bid.organizationId,
    organizationName: organization?.name ?? '',
    creditCode: organization?.creditCode ?? '',
  };
}

/** A reviewer's assignments: list, read (bid redacted under blind review), decline, draft and submit reviews. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly reviews: ReviewsRepository,
    private readonly challenges: ChallengesRepository,
    private readonly bids: BidsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async list(actor: Actor, query: ListAssignmentsQueryDto): Promise<AssignmentPageResponse> {
    const admin = actor.role === 'admin';
    const page = await this.reviews.listAssignments({
      reviewerId: admin ? null : actor.userId,
      challengeId: query.challengeId,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map((a) => toAssignmentResponse(a, admin)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<AssignmentDetailResponse> {
    const assignment = await this.reviews.findAssignment(id, actor.role === 'admin' ? null : actor.userId);
    const challenge = assignment ? await this.challenges.findById(assignment.challengeId) : null;
    const bid = assignment ? await this.bids.findById(assignment.bidId) : null;
    if (!assignment || !challenge || !bid) throw new NotFoundError('Assignment');
    const showBid = assignment.status !== 'declined';
    let readable: ReviewBidResponse | null = null;
    if (showBid) {
      const organization = challenge.blindReview ? null : await this.organizations.findById(bid.organizationId);
      readable = toReviewBid(bid, challenge, organization);
      await this.bids.recordRead(BidRead.record(bid.id, { id: actor.userId, role: actor.role }, 'review', new Date()));
    }
    const review = await this.reviews.findReview(assignment.id);
    return {
      id: assignment.id,
      status: assignment.status,
      challenge: {
        id: challenge.id,
        status: challenge.status,
        title: challenge.title,
        description: challenge.description,
        industry: challenge.industry,
        tags: challenge.tags,
        kpis: challenge.kpis,
        rewardYuan: challenge.rewardYuan,
        blindReview: challenge.blindReview,
        ...(challenge.blindReview ? {} : { organizationName: challenge.organizationName }),
      },
      scorecard: { criteria: challenge.scorecard.criteria },
      bid: readable,
      review: review ? toReviewResponse(review) : null,
    };
  }

  async decline(actor: Actor, id: string, dto: DeclineAssignmentDto): Promise<AssignmentResponse> {
    return this.tx.run(async () => {
      const { assignment, challenge } = await this.lockOwn(actor, id);
      const now = await this.tx.databaseNow();
      this.assertReviewing(challenge);
      assignment.decline(dto.reason, dto.detail ?? null, now);
      await this.reviews.saveAssignment(assignment);
      await this.audit.record(
        { challengeId: challenge.id, actorId: null, action: 'review.declined', data: { assignmentId: assignment.id, bidId: assignment.bidId, reason: dto.reason } },
        now,
      );
      await this.outbox.enqueue('assign-reviewers', { challengeId: challenge.id }, { key: `${challenge.id}_declined_${assignment.id}` });
      return toAssignmentResponse(assignment, false);
    });
  }

  async write(actor: Actor, id: string, dto: WriteReviewDto): Promise<ReviewResponse> {
    return this.tx.run(async () => {
      const { assignment, challenge } = await this.lockOwn(actor, id);
      const now = await this.tx.databaseNow();
      this.assertReviewing(challenge);
      if (assignment.status === 'submitted') throw new InvalidStateError('The review is submitted; a submitted review is final.');
      if (assignment.status === 'declined') throw new InvalidStateError('The assignment was declined.');
      const review = (await this.reviews.findReview(assignment.id)) ?? Review.start(assignment, now);
      const criteria = challenge.scorecard.criteria;
      review.write(
        { criteria, scores: dto.scores, comment: dto.comment, privateNote: dto.privateNote ?? null, submitWith: dto.submit ? (scores) => reviewTotal(criteria, scores) : null },
        now,
      );
      await this.reviews.saveReview(review);
      if (dto.submit) {
        assignment.markSubmitted(now);
        await this.reviews.saveAssignment(assignment);
        await this.audit.record(
          { challengeId: challenge.id, actorId: null, action: 'review.submitted', data: { assignmentId: assignment.id, bidId: assignment.bidId, total: review.total } },
          now,
        );
        if (await this.everyReviewIn(challenge)) {
          await this.outbox.enqueue('aggregate-reviews', { challengeId: challenge.id }, { key: `${challenge.id}_complete` });
        }
      }
      return toReviewResponse(review);
    });
  }

  private async everyReviewIn(challenge: Challenge): Promise<boolean> {
    const bids = await this.bids.liveBidsOfChallenge(challenge.id);
    return everyReviewIn(
      bids.map((b) => b.id),
      await this.reviews.assignmentsOfChallenge(challenge.id),
      challenge.reviewersPerBid,
    );
  }

  /** The caller's own assignment, its challenge locked first (the lock every challenge change takes), then the row. */
  private async lockOwn(actor: Actor, id: string): Promise<{ assignment: ReviewAssignment; challenge: Challenge }> {
    const found = await this.reviews.findAssignment(id, actor.userId);
    if (!found) throw new NotFoundError('Assignment');
    const challenge = await this.challenges.lockById(found.challengeId);
    const assignment = await this.reviews.findAssignmentForUpdate(id, actor.userId);
    if (!challenge || !assignment) throw new NotFoundError('Assignment');
    return { assignment, challenge };
  }

  private assertReviewing(challenge: Challenge): void {
    if (challenge.status !== 'reviewing') throw new InvalidStateError(`The challenge is ${challenge.status}; reviews are written while it is reviewing.`);
  }
}
