import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import { IdempotencyKey } from './idempotency-key.entity';

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-progress' }
  | { kind: 'reused' };

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim whose request has not finished after this long is treated as abandoned (its process died). */
export const IDEMPOTENCY_LOCK_SECONDS = 60;

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Claims a key atomically (one statement, outside any request transaction). An expired key (older than 24 h)
   * or an abandoned claim of the same request is taken over; otherwise the existing record decides.
   */
  async claim(userId: string, scope: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const claimed: unknown[] = await this.tx.manager.query(
      `INSERT INTO idempotency_keys (user_id, scope, key, request_hash, status, created_at, locked_until)
       VALUES ($1, $2, $3, $4, 'in-progress', now(), now() + make_interval(secs => $5))
       ON CONFLICT (user_id, scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status = 'in-progress', created_at = EXCLUDED.created_at,
             locked_until = EXCLUDED.locked_until, response_status = NULL, response_body = NULL
         WHERE idempotency_keys.created_at < now() - make_interval(hours => $6)
            OR (idempotency_keys.status = 'in-progress' AND idempotency_keys.locked_until < now()
                AND idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING 1`,
      [userId, scope, key, requestHash, IDEMPOTENCY_LOCK_SECONDS, IDEMPOTENCY_TTL_HOURS],
    );
    if (claimed.length > 0) return { kind: 'claimed' };
    const existing = await this.tx.manager.findOne(IdempotencyKey, { where: { userId, scope, key } });
    if (!existing) return this.claim(userId, scope, key, requestHash); // deleted meanwhile (released): try again
    if (existing.requestHash !== requestHash) return { kind: 'reused' };
    if (existing.status === 'completed' && existing.responseStatus !== null) {
      return { kind: 'replay', status: existing.responseStatus, body: existing.responseBody };
    }
    return { kind: 'in-progress' };
  }

  async complete(userId: string, scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.tx.manager.update(
      IdempotencyKey,
      { userId, scope, key },
      { status: 'completed', responseStatus: status, responseBody: body as object },
    );
  }

  /** A failed request does not keep its key: the client may retry with it. */
  async release(userId: string, scope: string, key: string): Promise<void> {
    await this.tx.manager.delete(IdempotencyKey, { userId, scope, key, status: 'in-progress' });
  }

  /** Housekeeping: keys older than the replay window. */
  async purgeExpired(): Promise<number> {
    const result = await this.tx.manager.query(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [IDEMPOTENCY_TTL_HOURS],
    );
    return Array.isArray(result) ? Number(result[1] ?? 0) : 0;
  }
}
