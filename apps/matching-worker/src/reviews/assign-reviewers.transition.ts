import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import {
  AuditTrail,
  Bid,
  BidsRepository,
  Challenge,
  ChallengesRepository,
  countByBid,
  NotificationsRepository,
  OrganizationsRepository,
  PoolReviewer,
  ReviewAssignment,
  ReviewersRepository,
  ReviewsRepository,
  UsersRepository,
} from '@jiebang/domain';
import { AssignmentCandidate, assignReviewers, DEFAULT_CANDIDATES_PER_BID, expertiseAffinity, tokenize } from '@jiebang/matching';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';
import { ProfileIndex } from '../matching/profile-index';

export type AssignOutcome =
  | { outcome: 'assigned'; assigned: number; totalAffinity: number }
  | { outcome: 'complete' }
  | { outcome: 'shortage'; required: number; available: number }
  | { outcome: 'skipped' };

/** The text a reviewer's expertise is matched against: the challenge and the bid. */
function reviewDocument(challenge: Challenge, bid: Bid): string[] {
  return tokenize(
    [challenge.title, challenge.description, challenge.tags.join(' '), challenge.kpis.map((k) => k.name).join(' '), bid.summary, bid.technicalApproach].join(
      '\n',
    ),
  );
}

/**
 * Reviewer assignment (PRODUCT.md step 5). Every live bid of a closed challenge gets `reviewersPerBid` approved
 * reviewers, maximising total expertise affinity (min-cost flow in `libs/matching`) under `REVIEWER_MAX_LOAD`
 * open assignments per reviewer, never with a conflict of interest (affiliated by credit code with the bidder
 * or the lead, or any earlier assignment to the same bid — a decline included). The same run fills the gaps a
 * decline or suspension leaves in a reviewing challenge. Too few reviewers for a closed challenge: nothing is
 * assigned, the challenge stays `closed`, admins are told, and the caller retries with backoff.
 */
@Injectable()
export class AssignReviewersTransition {
  private readonly logger = new Logger(AssignReviewersTransition.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly challenges: ChallengesRepository,
    private readonly bids: BidsRepository,
    private readonly reviews: ReviewsRepository,
    private readonly reviewers: ReviewersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly users: UsersRepository,
    private readonly notifications: NotificationsRepository,
    private readonly audit: AuditTrail,
    private readonly index: ProfileIndex,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(challengeId: string): Promise<AssignOutcome> {
    const index = await this.index.current();
    const idf = (term: string) => index.idf(term);
    const result = await this.tx.run(async (): Promise<AssignOutcome> => {
      const challenge = await this.challenges.lockById(challengeId);
      if (!challenge || (challenge.status !== 'closed' && challenge.status !== 'reviewing')) return { outcome: 'skipped' };
      await this.reviewers.lockPool();
      const now = await this.tx.databaseNow();
      const bids = await this.bids.liveBidsOfChallenge(challengeId);
      const existing = await this.reviews.assignmentsOfChallenge(challengeId);
      const active = countByBid(existing, ['assigned', 'submitted']);
      const needs = bids.map((b) => ({ id: b.id, slots: Math.max(0, challenge.reviewersPerBid - (active.get(b.id) ?? 0)) }));
      const required = needs.reduce((sum, n) => sum + n.slots, 0);
      if (required === 0) {
        if (challenge.status === 'closed') await this.startReviewing(challenge, now);
        return { outcome: 'complete' };
      }
      const pool = await this.reviewers.pool(this.config.reviewerMaxLoad);
      const candidates = await this.candidates(challenge, bids, pool, existing, idf);
      const solved = assignReviewers(
        { bids: needs, reviewers: pool.map((r) => ({ id: r.id, capacity: this.config.reviewerMaxLoad - r.openAssignments })), candidates },
        { candidatesPerBid: DEFAULT_CANDIDATES_PER_BID },
      );
      if (solved.shortages.length > 0 && challenge.status === 'closed') {
        await this.reportShortage(challenge, required, solved.assigned, now);
        return { outcome: 'shortage', required, available: solved.assigned };
      }
      const rows = solved.pairs.map((p) =>
        ReviewAssignment.assign({ challengeId, bidId: bids[p.bid].id, reviewerId: pool[p.reviewer].id, affinity: p.affinity }, now),
      );
      await this.reviews.insertAssignments(rows);
      for (const row of rows) {
        await this.notifications.notify(
          [row.reviewerId],
          {
            type: 'review.assigned',
            challengeId,
            message: `You are assigned a bid to review on 「${challenge.title}」.`,
            dedupeKey: `assigned:${row.bidId}:${row.reviewerId}`,
          },
          now,
        );
      }
      await this.audit.record(
        {
          challengeId,
          actorId: null,
          action: 'reviews.assigned',
          data: {
            method: solved.method,
            assignments: rows.length,
            totalAffinity: solved.totalAffinity,
            optimal: solved.certificate.optimal,
            replacement: challenge.status === 'reviewing',
          },
        },
        now,
      );
      if (challenge.status === 'closed') await this.startReviewing(challenge, now);
      if (solved.shortages.length > 0) {
        await this.reportShortage(challenge, required, solved.assigned, now);
        return { outcome: 'shortage', required, available: solved.assigned };
      }
      return { outcome: 'assigned', assigned: rows.length, totalAffinity: solved.totalAffinity };
    });
    if (result.outcome !== 'skipped' && result.outcome !== 'complete') this.logger.log({ challengeId, ...result }, 'reviewer assignment');
    return result;
  }

  /** Allowed (bid, reviewer) pairs with integer affinities; conflicts of interest and earlier pairs are left out. */
  private async candidates(
    challenge: Challenge,
    bids: Bid[],
    pool: PoolReviewer[],
    existing: ReviewAssignment[],
    idf: (term: string) => number,
  ): Promise<AssignmentCandidate[]> {
    const codes = await this.organizations.creditCodesOf([challenge.organizationId, ...bids.map((b) => b.organizationId)]);
    const leadCode = codes.get(challenge.organizationId);
    const taken = new Set(existing.map((a) => `${a.bidId}:${a.reviewerId}`));
    const expertise = pool.map((r) => tokenize(r.expertise.join('\n')));
    const affiliations = pool.map((r) => new Set(r.affiliations));
    const candidates: AssignmentCandidate[] = [];
    bids.forEach((bid, b) => {
      const document = reviewDocument(challenge, bid);
      const bidderCode = codes.get(bid.organizationId);
      pool.forEach((reviewer, r) => {
        if (taken.has(`${bid.id}:${reviewer.id}`)) return;
        if ((leadCode && affiliations[r].has(leadCode)) || (bidderCode && affiliations[r].has(bidderCode))) return;
        candidates.push({ bid: b, reviewer: r, affinity: expertiseAffinity(expertise[r], document, idf) });
      });
    });
    return candidates;
  }

  private async startReviewing(challenge: Challenge, now: Date): Promise<void> {
    challenge.startReviewing(now);
    await this.challenges.save(challenge);
    await this.audit.record({ challengeId: challenge.id, actorId: null, action: 'challenge.reviewing', data: {} }, now);
  }

  private async reportShortage(challenge: Challenge, required: number, available: number, now: Date): Promise<void> {
    await this.notifications.notify(
      await this.users.idsOfAdmins(),
      {
        type: 'review.shortage',
        challengeId: challenge.id,
        message: `「${challenge.title}」 needs ${required} reviewer assignments but only ${available} can be made without a conflict of interest or exceeding the load limit; approve more reviewers.`,
        dedupeKey: `shortage:${challenge.id}:${challenge.status}:${required}:${available}`,
      },
      now,
    );
  }
}
