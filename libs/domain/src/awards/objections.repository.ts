import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { TransactionHost } from '@jiebang/database';
import { CursorPosition, decodeCursor, Page, toPage } from '../shared/cursor';
import { Objection, ObjectionStatus } from './objection.entity';

const position = (o: Objection): CursorPosition => ({ at: o.createdAt, id: o.id });

export interface ObjectionListQuery {
  /** null: every objection (admins); otherwise the viewer's own, plus those on their organization's challenges. */
  viewer: { userId: string; leadOrganizationId: string | null } | null;
  challengeId?: string;
  status?: ObjectionStatus;
  limit: number;
  cursor?: string;
}

@Injectable()
export class ObjectionsRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(objection: Objection): Promise<void> {
    await this.tx.manager.insert(Objection, objection);
  }

  async save(objection: Objection): Promise<void> {
    await this.tx.manager.save(Objection, objection);
  }

  findById(id: string): Promise<Objection | null> {
    return this.tx.manager.findOne(Objection, { where: { id } });
  }

  countOpen(challengeId: string): Promise<number> {
    return this.tx.manager.count(Objection, { where: { challengeId, status: 'open' } });
  }

  async list(query: ObjectionListQuery): Promise<Page<Objection>> {
    const qb = this.tx.manager.createQueryBuilder(Objection, 'o').where('true');
    const viewer = query.viewer;
    if (viewer) {
      qb.andWhere(
        new Brackets((b) => {
          b.where('o.objector_id = :userId', { userId: viewer.userId });
          if (viewer.leadOrganizationId) {
            b.orWhere('o.challenge_id IN (SELECT id FROM challenges WHERE organization_id = :org)', { org: viewer.leadOrganizationId });
          }
        }),
      );
    }
    if (query.challengeId) qb.andWhere('o.challenge_id = :challengeId', { challengeId: query.challengeId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      qb.andWhere('(o.created_at, o.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    const rows = await qb.orderBy('o.created_at', 'DESC').addOrderBy('o.id', 'DESC').limit(query.limit + 1).getMany();
    return toPage(rows, query.limit, position);
  }
}
