import { Injectable } from '@nestjs/common';
import { asRow, TransactionHost } from '@jiebang/database';
import { AuditData, AuditEvent } from './audit-event.entity';
import { nextAuditEvent } from './audit-chain';

export interface AuditEntry {
  challengeId: string;
  actorId: string | null;
  action: string;
  data?: AuditData;
  contentHash?: string | null;
}

/**
 * Appends to a challenge's hash chain. Callers hold the challenge row lock (every state change of a challenge
 * or its bids takes it), so appends to one chain are serialized; the primary key rejects a forked chain anyway.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly tx: TransactionHost) {}

  async record(entry: AuditEntry, at: Date): Promise<AuditEvent> {
    const last = await this.tx.manager.findOne(AuditEvent, {
      where: { challengeId: entry.challengeId },
      order: { seq: 'DESC' },
      select: { seq: true, hash: true, challengeId: true },
    });
    const event = nextAuditEvent(last, {
      challengeId: entry.challengeId,
      at,
      actorId: entry.actorId,
      action: entry.action,
      data: entry.data ?? {},
      contentHash: entry.contentHash ?? null,
    });
    await this.tx.manager.insert(AuditEvent, asRow(event));
    return event;
  }

  chainOf(challengeId: string): Promise<AuditEvent[]> {
    return this.tx.manager.find(AuditEvent, { where: { challengeId }, order: { seq: 'ASC' } });
  }
}
