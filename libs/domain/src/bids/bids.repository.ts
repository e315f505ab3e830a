import { Injectable } from '@nestjs/common';
import { InsertEntry, TransactionHost, isUniqueViolation } from '@jiebang/database';
import { SelectQueryBuilder } from 'typeorm';
import { BidExistsError } from '../errors';
import { CursorPosition, decodeCursor, Page, toPage } from '../shared/cursor';
import { BidRead } from './bid-read.entity';
import { BidRevision } from './bid-revision.entity';
import { Bid, LIVE_BID_INDEX } from './bid.entity';

const position = (b: Bid): CursorPosition => ({ at: b.submittedAt, id: b.id });

export interface BidPageQuery {
  limit: number;
  cursor?: string;
  challengeId?: string;
}

@Injectable()
export class BidsRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Inserts a bid and its first revision, with any rows the caller adds (its audit event and outbox row), in one
   * statement; a second live bid of the organization is `BID_EXISTS` (unique index). Returns the database's clock
   * after the write (`TransactionHost.insert`).
   */
  async insert(bid: Bid, now: Date, ...alongside: InsertEntry[]): Promise<Date> {
    try {
      return await this.tx.insert([Bid, bid], [BidRevision, BidRevision.of(bid, now)], ...alongside);
    } catch (error) {
      if (isUniqueViolation(error, LIVE_BID_INDEX)) throw new BidExistsError();
      throw error;
    }
  }

  /** Saves an amended bid and appends its new revision. */
  async saveRevision(bid: Bid, now: Date): Promise<void> {
    await this.tx.manager.save(Bid, bid);
    await this.tx.manager.insert(BidRevision, BidRevision.of(bid, now));
  }

  async save(bid: Bid): Promise<void> {
    await this.tx.manager.save(Bid, bid);
  }

  findById(id: string): Promise<Bid | null> {
    return this.tx.manager.findOne(Bid, { where: { id } });
  }

  findRevision(bidId: string, revision: number): Promise<BidRevision | null> {
    return this.tx.manager.findOne(BidRevision, { where: { bidId, revision } });
  }

  /** A bid of the author's organization (any status). */
  findOfOrganization(id: string, organizationId: string): Promise<Bid | null> {
    return this.tx.manager.findOne(Bid, { where: { id, organizationId } });
  }

  findOfOrganizationForUpdate(id: string, organizationId: string): Promise<Bid | null> {
    return this.tx.manager
      .createQueryBuilder(Bid, 'b')
      .where('b.id = :id AND b.organization_id = :organizationId', { id, organizationId })
      .setLock('for_no_key_update')
      .getOne();
  }

  /** A live bid on a challenge owned by `leadOrganizationId` (any organization when null: admins). */
  findLiveOnChallengeOf(id: string, leadOrganizationId: string | null): Promise<Bid | null> {
    const qb = this.tx.manager
      .createQueryBuilder(Bid, 'b')
      .innerJoin('challenges', 'c', 'c.id = b.challenge_id')
      .where('b.id = :id', { id })
      .andWhere(`b.status <> 'withdrawn'`);
    if (leadOrganizationId) qb.andWhere('c.organization_id = :org', { org: leadOrganizationId });
    return qb.getOne();
  }

  async listOfOrganization(organizationId: string, query: BidPageQuery): Promise<Page<Bid>> {
    const qb = this.tx.manager.createQueryBuilder(Bid, 'b').where('b.organization_id = :organizationId', { organizationId });
    if (query.challengeId) qb.andWhere('b.challenge_id = :challengeId', { challengeId: query.challengeId });
    return this.page(qb, query);
  }

  async listLiveOfChallenge(challengeId: string, query: BidPageQuery): Promise<Page<Bid>> {
    const qb = this.tx.manager
      .createQueryBuilder(Bid, 'b')
      .where('b.challenge_id = :challengeId', { challengeId })
      .andWhere(`b.status <> 'withdrawn'`);
    return this.page(qb, query);
  }

  private async page(qb: SelectQueryBuilder<Bid>, query: BidPageQuery): Promise<Page<Bid>> {
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      qb.andWhere('(b.submitted_at, b.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    const rows = await qb.orderBy('b.submitted_at', 'DESC').addOrderBy('b.id', 'DESC').limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, position);
  }

  /** Every live (not withdrawn) bid of a challenge, oldest first; locked when `forUpdate`. */
  liveBidsOfChallenge(challengeId: string, forUpdate = false): Promise<Bid[]> {
    const qb = this.tx.manager
      .createQueryBuilder(Bid, 'b')
      .where('b.challenge_id = :challengeId', { challengeId })
      .andWhere(`b.status <> 'withdrawn'`)
      .orderBy('b.submitted_at', 'ASC')
      .addOrderBy('b.id', 'ASC');
    if (forUpdate) qb.setLock('for_no_key_update');
    return qb.getMany();
  }

  async countLive(challengeId: string): Promise<number> {
    return this.tx.manager.count(Bid, { where: { challengeId, status: 'submitted' } });
  }

  /** Organizations with a live bid on the challenge (to notify bidders). */
  async liveBidderOrganizations(challengeId: string): Promise<string[]> {
    const rows: Array<{ organization_id: string }> = await this.tx.manager.query(
      `SELECT DISTINCT organization_id FROM bids WHERE challenge_id = $1 AND status <> 'withdrawn'`,
      [challengeId],
    );
    return rows.map((r) => r.organization_id);
  }

  /** The live bid of an organization on a challenge, if any. */
  findLiveOfOrganizationOnChallenge(challengeId: string, organizationId: string): Promise<Bid | null> {
    return this.tx.manager
      .createQueryBuilder(Bid, 'b')
      .where('b.challenge_id = :challengeId AND b.organization_id = :organizationId', { challengeId, organizationId })
      .andWhere(`b.status <> 'withdrawn'`)
      .getOne();
  }

  async recordRead(read: BidRead): Promise<void> {
    await this.tx.manager.insert(BidRead, read);
  }

  async readsOf(bidId: string): Promise<BidRead[]> {
    return this.tx.manager.find(BidRead, { where: { bidId }, order: { readAt: 'ASC' } });
  }
}
