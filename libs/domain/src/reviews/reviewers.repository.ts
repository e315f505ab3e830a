import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { CursorPosition, decodeCursor, Page, toPage } from '../shared/cursor';
import { ReviewerProfile } from '../identity/reviewer-profile.entity';
import { ReviewerStatus } from '../identity/roles';

export interface ReviewerListItem {
  id: string;
  name: string;
  email: string;
  expertise: string[];
  affiliations: string[];
  status: ReviewerStatus;
  openAssignments: number;
  createdAt: Date;
}

/** An approved reviewer with room under the load limit. */
export interface PoolReviewer {
  id: string;
  expertise: string[];
  affiliations: string[];
  openAssignments: number;
}

const position = (r: ReviewerListItem): CursorPosition => ({ at: r.createdAt, id: r.id });

/** Open assignments count against a reviewer's load only on challenges still in review. */
const OPEN_LOAD = `SELECT a.reviewer_id, count(*) AS n FROM review_assignments a JOIN challenges c ON c.id = a.challenge_id
                    WHERE a.status = 'assigned' AND c.status IN ('closed', 'reviewing') GROUP BY a.reviewer_id`;

/** The reviewer pool (评审专家库) as admins manage it and as the assignment sees it. */
@Injectable()
export class ReviewersRepository {
  constructor(private readonly tx: TransactionHost) {}

  async list(query: { status?: ReviewerStatus; id?: string; limit: number; cursor?: string }): Promise<Page<ReviewerListItem>> {
    const params: unknown[] = [query.limit + 1];
    const where: string[] = [];
    if (query.status) {
      params.push(query.status);
      where.push(`p.status = $${params.length}`);
    }
    if (query.id) {
      params.push(query.id);
      where.push(`p.user_id = $${params.length}`);
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      params.push(after.at, after.id);
      where.push(`(p.created_at, p.user_id) < ($${params.length - 1}, $${params.length})`);
    }
    const rows: Array<Omit<ReviewerListItem, 'openAssignments'> & { openAssignments: string }> = await this.tx.manager.query(
      `SELECT p.user_id AS id, u.name, u.email, p.expertise, p.affiliations, p.status, p.created_at AS "createdAt",
              coalesce(l.n, 0) AS "openAssignments"
         FROM reviewer_profiles p JOIN users u ON u.id = p.user_id
         LEFT JOIN (${OPEN_LOAD}) l ON l.reviewer_id = p.user_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY p.created_at DESC, p.user_id DESC LIMIT $1`,
      params,
    );
    return toPage(
      rows.map((r) => ({ ...r, openAssignments: Number(r.openAssignments) })),
      query.limit,
      position,
    );
  }

  findForUpdate(userId: string): Promise<ReviewerProfile | null> {
    return this.tx.manager
      .createQueryBuilder(ReviewerProfile, 'p')
      .where('p.user_id = :userId', { userId })
      .setLock('for_no_key_update')
      .getOne();
  }

  async save(profile: ReviewerProfile): Promise<void> {
    await this.tx.manager.save(ReviewerProfile, profile);
  }

  /** Approved reviewers whose open assignments are below `maxLoad`, with their current load. */
  async pool(maxLoad: number): Promise<PoolReviewer[]> {
    const rows: Array<Omit<PoolReviewer, 'openAssignments'> & { openAssignments: string }> = await this.tx.manager.query(
      `SELECT p.user_id AS id, p.expertise, p.affiliations, coalesce(l.n, 0) AS "openAssignments"
         FROM reviewer_profiles p LEFT JOIN (${OPEN_LOAD}) l ON l.reviewer_id = p.user_id
        WHERE p.status = 'approved' AND coalesce(l.n, 0) < $1
        ORDER BY p.user_id`,
      [maxLoad],
    );
    return rows.map((r) => ({ ...r, openAssignments: Number(r.openAssignments) }));
  }

  /**
   * Serialises reviewer assignment across challenges for the rest of the transaction, so two challenges
   * assigned at once cannot both fill the same reviewer's last free slot.
   */
  async lockPool(): Promise<void> {
    await this.tx.manager.query('SELECT pg_advisory_xact_lock($1)', [REVIEWER_POOL_LOCK_KEY]);
  }
}

/** Advisory-lock key of the reviewer pool ("review" as a number). */
export const REVIEWER_POOL_LOCK_KEY = 0x726576;
