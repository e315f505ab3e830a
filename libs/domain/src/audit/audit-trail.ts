import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
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
    const event = await this.next(entry, at);
    await this.tx.insert([AuditEvent, event]);
    return event;
  }

  /**
   * The chain's next event, not yet written: for a caller that writes it in one statement with its other rows
   * (`TransactionHost.insert`), under the same challenge lock. Hand-written read: every bid appends one.
   */
  async next(entry: AuditEntry, at: Date): Promise<AuditEvent> {
    const heads: Array<{ seq: number; hash: string }> = await this.tx.manager.query(
      'SELECT seq, hash FROM audit_events WHERE challenge_id = $1 ORDER BY seq DESC LIMIT 1',
      [entry.challengeId],
    );
    return nextAuditEvent(heads[0] ?? null, {
      challengeId: entry.challengeId,
      at,
      actorId: entry.actorId,
      action: entry.action,
      data: entry.data ?? {},
      contentHash: entry.contentHash ?? null,
    });
  }

  chainOf(challengeId: string): Promise<AuditEvent[]> {
    return this.tx.manager.find(AuditEvent, { where: { challengeId }, order: { seq: 'ASC' } });
  }
}
