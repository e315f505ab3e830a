import { Injectable } from '@nestjs/common';
import { asRow, TransactionHost } from '@jiebang/database';
import { CursorPosition, decodeCursor, Page, toPage } from '../shared/cursor';
import { BidRanking } from './bid-ranking.entity';
import { ReviewAssignment } from './review-assignment.entity';
import { Review } from './review.entity';

const position = (a: ReviewAssignment): CursorPosition => ({ at: a.assignedAt, id: a.id });

export interface AssignmentListQuery {
  /** Only this reviewer's assignments; null lists everyone's (admins). */
  reviewerId: string | null;
  challengeId?: string;
  limit: number;
  cursor?: string;
}

export interface ReviewerHistoryRow {
  count: number;
  mean: number;
  spread: number;
}

export interface RankingRow extends BidRanking {
  organizationName: string;
}

/** Review assignments, reviews and the rankings aggregated from them. */
@Injectable()
export class ReviewsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts new assignments; a (bid, reviewer) pair that already exists is left alone (re-run jobs). */
  async insertAssignments(rows: ReviewAssignment[]): Promise<void> {
    if (rows.length === 0) return;
    await this.tx.manager.createQueryBuilder().insert().into(ReviewAssignment).values(rows.map(asRow)).orIgnore().execute();
  }

  async saveAssignment(assignment: ReviewAssignment): Promise<void> {
    await this.tx.manager.save(ReviewAssignment, assignment);
  }

  assignmentsOfChallenge(challengeId: string): Promise<ReviewAssignment[]> {
    return this.tx.manager.find(ReviewAssignment, { where: { challengeId }, order: { assignedAt: 'ASC', id: 'ASC' } });
  }

  /** An assignment the viewer may see: their own (reviewer), any (admin: `reviewerId` null). */
  findAssignment(id: string, reviewerId: string | null): Promise<ReviewAssignment | null> {
    return this.tx.manager.findOne(ReviewAssignment, { where: reviewerId ? { id, reviewerId } : { id } });
  }

  findAssignmentForUpdate(id: string, reviewerId: string): Promise<ReviewAssignment | null> {
    return this.tx.manager
      .createQueryBuilder(ReviewAssignment, 'a')
      .where('a.id = :id AND a.reviewer_id = :reviewerId', { id, reviewerId })
      .setLock('for_no_key_update')
      .getOne();
  }

  async listAssignments(query: AssignmentListQuery): Promise<Page<ReviewAssignment>> {
    const qb = this.tx.manager.createQueryBuilder(ReviewAssignment, 'a').where('true');
    if (query.reviewerId) qb.andWhere('a.reviewer_id = :reviewerId', { reviewerId: query.reviewerId });
    if (query.challengeId) qb.andWhere('a.challenge_id = :challengeId', { challengeId: query.challengeId });
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      qb.andWhere('(a.assigned_at, a.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    const rows = await qb.orderBy('a.assigned_at', 'DESC').addOrderBy('a.id', 'DESC').limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, position);
  }

  /** A reviewer's open assignments on challenges still in review (suspension hands them back; not locked). */
  openAssignmentsOfReviewer(reviewerId: string): Promise<ReviewAssignment[]> {
    return this.tx.manager
      .createQueryBuilder(ReviewAssignment, 'a')
      .innerJoin('challenges', 'c', 'c.id = a.challenge_id')
      .where(`a.reviewer_id = :reviewerId AND a.status = 'assigned'`, { reviewerId })
      .andWhere(`c.status IN ('closed', 'reviewing')`)
      .orderBy('a.challenge_id')
      .getMany();
  }

  findReview(assignmentId: string): Promise<Review | null> {
    return this.tx.manager.findOne(Review, { where: { assignmentId } });
  }

  async saveReview(review: Review): Promise<void> {
    await this.tx.manager.save(Review, review);
  }

  submittedReviewsOfChallenge(challengeId: string): Promise<Review[]> {
    return this.tx.manager.find(Review, { where: { challengeId, status: 'submitted' }, order: { submittedAt: 'ASC', assignmentId: 'ASC' } });
  }

  submittedReviewsOfBid(bidId: string): Promise<Review[]> {
    return this.tx.manager.find(Review, { where: { bidId, status: 'submitted' }, order: { assignmentId: 'ASC' } });
  }

  /** Count, mean and population spread of each reviewer's submitted totals on the whole platform. */
  async reviewerHistories(reviewerIds: string[]): Promise<Map<string, ReviewerHistoryRow>> {
    const map = new Map<string, ReviewerHistoryRow>();
    if (reviewerIds.length === 0) return map;
    const rows: Array<{ reviewer_id: string; n: string; mean: number; spread: number }> = await this.tx.manager.query(
      `SELECT reviewer_id, count(*) AS n, avg(total)::float8 AS mean, coalesce(stddev_pop(total), 0)::float8 AS spread
         FROM reviews WHERE status = 'submitted' AND reviewer_id = ANY($1) GROUP BY reviewer_id`,
      [reviewerIds],
    );
    for (const r of rows) map.set(r.reviewer_id, { count: Number(r.n), mean: r.mean, spread: r.spread });
    return map;
  }

  /** Mean and population spread of every submitted total on the platform. */
  async platformTotals(): Promise<ReviewerHistoryRow> {
    const [row] = (await this.tx.manager.query(
      `SELECT count(*) AS n, coalesce(avg(total), 0)::float8 AS mean, coalesce(stddev_pop(total), 0)::float8 AS spread
         FROM reviews WHERE status = 'submitted'`,
    )) as Array<{ n: string; mean: number; spread: number }>;
    return { count: Number(row.n), mean: row.mean, spread: row.spread };
  }

  /** Replaces a challenge's ranking rows (the aggregation job may run twice). */
  async replaceRankings(challengeId: string, rows: BidRanking[]): Promise<void> {
    await this.tx.manager.delete(BidRanking, { challengeId });
    if (rows.length > 0) await this.tx.manager.insert(BidRanking, rows.map(asRow));
  }

  /** The ranking, best first, with each bidder's organization name. */
  async rankingOf(challengeId: string): Promise<RankingRow[]> {
    const rows = await this.tx.manager.find(BidRanking, { where: { challengeId }, order: { rank: 'ASC' } });
    if (rows.length === 0) return [];
    const names: Array<{ id: string; name: string }> = await this.tx.manager.query(
      `SELECT b.id, o.name FROM bids b JOIN organizations o ON o.id = b.organization_id WHERE b.id = ANY($1)`,
      [rows.map((r) => r.bidId)],
    );
    const byBid = new Map(names.map((n) => [n.id, n.name]));
    return rows.map((r) => Object.assign(r, { organizationName: byBid.get(r.bidId) ?? '' }));
  }

  rankingOfBid(bidId: string): Promise<BidRanking | null> {
    return this.tx.manager.findOne(BidRanking, { where: { bidId } });
  }
}
