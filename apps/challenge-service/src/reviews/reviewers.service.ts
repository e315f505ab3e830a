import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { AuditTrail, ChallengesRepository, NotFoundError, ReviewerListItem, ReviewersRepository, ReviewsRepository } from '@jiebang/domain';
import { Outbox } from '@jiebang/queue';
import { ListReviewersQueryDto, ReviewerPageResponse, ReviewerResponse } from './review.dto';

function toReviewerResponse(r: ReviewerListItem): ReviewerResponse {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    expertise: r.expertise,
    affiliations: r.affiliations,
    status: r.status,
    openAssignments: r.openAssignments,
  };
}

/** The reviewer pool as admins manage it: only approved reviewers are assigned; suspension hands work back. */
@Injectable()
export class ReviewersService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly reviewers: ReviewersRepository,
    private readonly reviews: ReviewsRepository,
    private readonly challenges: ChallengesRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  async list(query: ListReviewersQueryDto): Promise<ReviewerPageResponse> {
    const page = await this.reviewers.list({ status: query.status, limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toReviewerResponse), nextCursor: page.nextCursor };
  }

  /** Approves a reviewer; challenges short of reviewers are retried at once. */
  async approve(id: string): Promise<ReviewerResponse> {
    await this.tx.run(async () => {
      const profile = await this.reviewers.findForUpdate(id);
      if (!profile) throw new NotFoundError('Reviewer');
      const now = await this.tx.databaseNow();
      profile.approve(now);
      await this.reviewers.save(profile);
      for (const challengeId of await this.challenges.idsNeedingReviewers(200)) {
        await this.outbox.enqueue('assign-reviewers', { challengeId }, { key: `${challengeId}_approved_${id}_${now.getTime()}` });
      }
    });
    return this.present(id);
  }

  /**
   * Suspends a reviewer: they leave the pool, and each of their open assignments is ended (`declined`, reason
   * `suspended`) and reassigned by the worker.
   */
  async suspend(id: string): Promise<ReviewerResponse> {
    await this.tx.run(async () => {
      const profile = await this.reviewers.findForUpdate(id);
      if (!profile) throw new NotFoundError('Reviewer');
      const now = await this.tx.databaseNow();
      profile.suspend(now);
      await this.reviewers.save(profile);
      const open = await this.reviews.openAssignmentsOfReviewer(id);
      const byChallenge = new Map<string, string[]>();
      for (const a of open) byChallenge.set(a.challengeId, [...(byChallenge.get(a.challengeId) ?? []), a.id]);
      for (const [challengeId, assignmentIds] of byChallenge) {
        await this.challenges.lockById(challengeId); // challenge first, then its assignments: the order every writer keeps
        for (const assignmentId of assignmentIds) {
          const locked = await this.reviews.findAssignmentForUpdate(assignmentId, id);
          if (!locked?.isOpen) continue;
          locked.decline('suspended', null, now);
          await this.reviews.saveAssignment(locked);
        }
        await this.audit.record({ challengeId, actorId: null, action: 'review.reassigned', data: { assignmentIds, reason: 'suspended' } }, now);
        await this.outbox.enqueue('assign-reviewers', { challengeId }, { key: `${challengeId}_suspended_${id}_${now.getTime()}` });
      }
    });
    return this.present(id);
  }

  private async present(id: string): Promise<ReviewerResponse> {
    const page = await this.reviewers.list({ limit: 1, id });
    if (page.items.length === 0) throw new NotFoundError('Reviewer');
    return toReviewerResponse(page.items[0]);
  }
}
