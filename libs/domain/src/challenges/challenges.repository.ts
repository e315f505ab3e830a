import { Injectable } from '@nestjs/common';
import { asRow, TransactionHost } from '@jiebang/database';
import { Brackets } from 'typeorm';
import { EligibilityFacts, eligibilityFactsQuery, toEligibilityFacts } from '../enterprises/enterprise-profiles.repository';
import { Actor } from '../shared/actor';
import { CursorPosition, decodeCursor, Page, toPage } from '../shared/cursor';
import { ChallengeAddendum } from './challenge-addendum.entity';
import { Challenge } from './challenge.entity';
import { ChallengeStatus } from './challenge.types';
import { Question } from './question.entity';

export interface ChallengeListQuery {
  status?: ChallengeStatus;
  /** Tokenized search terms (the tokenizer's output joined by spaces); matched against `search_vector`. */
  searchTerms?: string;
  /** GB/T 4754 code prefix. */
  industry?: string;
  tag?: string;
  /** Only the viewer organization's own challenges, drafts included. */
  mineOf?: string;
  limit: number;
  cursor?: string;
}

const position = (c: Challenge): CursorPosition => ({ at: c.createdAt, id: c.id });

@Injectable()
export class ChallengesRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Inserts a challenge and its search document (tokenizer output) as `tsvector('simple')`. */
  async insert(challenge: Challenge, searchDocument: string): Promise<void> {
    await this.tx.manager.insert(Challenge, asRow(challenge));
    await this.updateSearchDocument(challenge.id, searchDocument);
  }

  async save(challenge: Challenge, searchDocument?: string): Promise<void> {
    await this.tx.manager.save(Challenge, challenge);
    if (searchDocument !== undefined) await this.updateSearchDocument(challenge.id, searchDocument);
  }

  private async updateSearchDocument(id: string, document: string): Promise<void> {
    await this.tx.manager.query(`UPDATE challenges SET search_vector = to_tsvector('simple', $2) WHERE id = $1`, [id, document]);
  }

  /**
   * A challenge the viewer may see: anything but a draft, or the viewer organization's own draft. Hand-written SQL
   * (`EntityRows`): the public read of a challenge is the busiest request there is (bench/README.md, HTTP overhead).
   */
  findVisible(id: string, viewer: Actor | null): Promise<Challenge | null> {
    return this.visible(id, viewer, '');
  }

  /** Same visibility, locking the row (`FOR NO KEY UPDATE`) for a state change; bids and the close take it too. */
  findVisibleForUpdate(id: string, viewer: Actor | null): Promise<Challenge | null> {
    return this.visible(id, viewer, ' FOR NO KEY UPDATE');
  }

  /** Locks the row regardless of viewer (worker transitions). */
  lockById(id: string): Promise<Challenge | null> {
    return this.tx.manager.createQueryBuilder(Challenge, 'c').where('c.id = :id', { id }).setLock('for_no_key_update').getOne();
  }

  /**
   * `findVisibleForUpdate` with, in the same statement, the eligibility facts of `organizationId` (null when there is
   * no such organization): the lock of a bid submission, one round trip fewer (bench/README.md, write path). The
   * facts are read from the statement's snapshot, as a read just before the lock would have.
   */
  async findVisibleForUpdateWithFacts(
    id: string,
    viewer: Actor | null,
    organizationId: string,
  ): Promise<{ challenge: Challenge; facts: EligibilityFacts | null } | null> {
    const params: unknown[] = [id];
    const where = this.visibleWhere(viewer, params);
    params.push(organizationId);
    const found = await this.tx.prepared(
      `SELECT ${this.tx.rows(Challenge).select('c')}, f.organization_id AS f_organization_id, f.region AS f_region, f.size AS f_size,
              f.certifications AS f_certifications
         FROM challenges c LEFT JOIN LATERAL (${eligibilityFactsQuery(params.length)}) f ON true
        WHERE ${where} FOR NO KEY UPDATE OF c`,
      params,
    );
    if (found.length === 0) return null;
    return { challenge: this.tx.rows(Challenge).toEntity(found[0]), facts: toEligibilityFacts(found[0], 'f_') };
  }

  private async visible(id: string, viewer: Actor | null, lock: string): Promise<Challenge | null> {
    const rows = this.tx.rows(Challenge);
    const params: unknown[] = [id];
    const where = this.visibleWhere(viewer, params);
    const found = await this.tx.prepared(`SELECT ${rows.select('c')} FROM challenges c WHERE ${where}${lock}`, params);
    return found.length > 0 ? rows.toEntity(found[0]) : null;
  }

  /** `c` is the challenge `params[0]` and the viewer may see it: anything but a draft, or its organization's own draft. */
  private visibleWhere(viewer: Actor | null, params: unknown[]): string {
    if (!viewer?.organizationId) return `c.id = $1 AND c.status <> 'draft'`;
    params.push(viewer.organizationId);
    return `c.id = $1 AND (c.status <> 'draft' OR c.organization_id = $${params.length})`;
  }

  async list(query: ChallengeListQuery): Promise<Page<Challenge>> {
    const qb = this.tx.manager.createQueryBuilder(Challenge, 'c');
    if (query.mineOf) qb.where('c.organization_id = :org', { org: query.mineOf });
    else qb.where(`c.status <> 'draft'`);
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.industry) qb.andWhere(`c.industry LIKE :industry`, { industry: `${query.industry.replace(/[%_\\]/g, '')}%` });
    if (query.tag) qb.andWhere(':tag = ANY(c.tags)', { tag: query.tag });
    if (query.searchTerms !== undefined) {
      qb.andWhere(`c.search_vector @@ plainto_tsquery('simple', :terms)`, { terms: query.searchTerms });
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      qb.andWhere('(c.created_at, c.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    const rows = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, position);
  }

  findById(id: string): Promise<Challenge | null> {
    return this.tx.manager.findOne(Challenge, { where: { id } });
  }

  /** Challenges still open for bids by the database's clock. */
  listOpenForBids(limit = 5000): Promise<Challenge[]> {
    return this.tx.manager
      .createQueryBuilder(Challenge, 'c')
      .where(`c.status = 'published' AND c.bid_deadline > clock_timestamp()`)
      .orderBy('c.bid_deadline', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Published challenges whose deadline has passed by the database's clock (for the reconciler). */
  async idsDueForClose(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT id FROM challenges WHERE status = 'published' AND bid_deadline <= clock_timestamp() ORDER BY bid_deadline LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Closed or reviewing challenges with a live bid short of reviewers (none assigned yet, or a decline/suspension). */
  async idsNeedingReviewers(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT c.id FROM challenges c
        WHERE c.status IN ('closed', 'reviewing')
          AND EXISTS (SELECT 1 FROM bids b
                       WHERE b.challenge_id = c.id AND b.status <> 'withdrawn'
                         AND (SELECT count(*) FROM review_assignments a WHERE a.bid_id = b.id AND a.status <> 'declined') < c.reviewers_per_bid)
        ORDER BY c.updated_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Reviewing challenges whose every live bid has all its reviews submitted and no assignment open. */
  async idsReadyForAggregation(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT c.id FROM challenges c
        WHERE c.status = 'reviewing'
          AND NOT EXISTS (SELECT 1 FROM review_assignments a WHERE a.challenge_id = c.id AND a.status = 'assigned')
          AND NOT EXISTS (SELECT 1 FROM bids b
                           WHERE b.challenge_id = c.id AND b.status <> 'withdrawn'
                             AND (SELECT count(*) FROM review_assignments a WHERE a.bid_id = b.id AND a.status = 'submitted') < c.reviewers_per_bid)
        ORDER BY c.updated_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Challenges whose publicity ended by the database's clock with no open objection (for the reconciler). */
  async idsDueForFinalization(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT c.id FROM challenges c
        WHERE c.status = 'publicity' AND c.publicity_ends_at <= clock_timestamp()
          AND NOT EXISTS (SELECT 1 FROM objections o WHERE o.challenge_id = c.id AND o.status = 'open')
        ORDER BY c.publicity_ends_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async insertAddendum(addendum: ChallengeAddendum): Promise<void> {
    await this.tx.manager.insert(ChallengeAddendum, addendum);
  }

  async addendaOf(challengeIds: string[]): Promise<Map<string, ChallengeAddendum[]>> {
    const map = new Map<string, ChallengeAddendum[]>();
    if (challengeIds.length === 0) return map;
    const rows = this.tx.rows(ChallengeAddendum);
    const found = await this.tx.prepared(
      `SELECT ${rows.select('a')} FROM challenge_addenda a WHERE a.challenge_id = ANY($1) ORDER BY a.created_at ASC`,
      [challengeIds],
    );
    for (const row of rows.toEntities(found)) map.set(row.challengeId, [...(map.get(row.challengeId) ?? []), row]);
    return map;
  }

  /** Live (not withdrawn) bid counts of opened challenges only: before opening, how many bid is confidential. */
  async openedBidCounts(challenges: Challenge[]): Promise<Map<string, number>> {
    const ids = challenges.filter((c) => c.isOpened).map((c) => c.id);
    const map = new Map<string, number>();
    if (ids.length === 0) return map;
    const rows = await this.tx.prepared<{ challenge_id: string; n: string }>(
      `SELECT challenge_id, count(*) AS n FROM bids WHERE challenge_id = ANY($1) AND status <> 'withdrawn' GROUP BY challenge_id`,
      [ids],
    );
    for (const id of ids) map.set(id, 0);
    for (const row of rows) map.set(row.challenge_id, Number(row.n));
    return map;
  }
}

@Injectable()
export class QuestionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(question: Question): Promise<void> {
    await this.tx.manager.insert(Question, question);
  }

  async save(question: Question): Promise<void> {
    await this.tx.manager.save(Question, question);
  }

  findOnChallenge(challengeId: string, questionId: string): Promise<Question | null> {
    return this.tx.manager.findOne(Question, { where: { id: questionId, challengeId } });
  }

  /**
   * Questions a viewer may read, oldest first, a page at a time (keyset on creation time and id): answered ones for
   * everyone; the challenge owner (and admins) see all; an SME also sees its own organization's unanswered ones.
   */
  async listVisible(
    challengeId: string,
    view: { all: boolean; askerOrganizationId: string | null; askerUserId: string },
    page: { limit: number; cursor?: string },
  ): Promise<Page<Question>> {
    const qb = this.tx.manager.createQueryBuilder(Question, 'q').where('q.challenge_id = :challengeId', { challengeId });
    if (page.cursor) {
      const after = decodeCursor(page.cursor);
      qb.andWhere('(q.created_at, q.id) > (:at, :id)', { at: after.at, id: after.id });
    }
    if (!view.all) {
      qb.andWhere(
        new Brackets((b) => {
          b.where('q.answer IS NOT NULL').orWhere('q.asked_by = :user', { user: view.askerUserId });
          if (view.askerOrganizationId) b.orWhere('q.asker_organization_id = :org', { org: view.askerOrganizationId });
        }),
      );
    }
    const rows = await qb.orderBy('q.created_at', 'ASC').addOrderBy('q.id', 'ASC').limit(page.limit + 1).getMany();
    return toPage(rows, page.limit, (q) => ({ at: q.createdAt, id: q.id }));
  }
}
