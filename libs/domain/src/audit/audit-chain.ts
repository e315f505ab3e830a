import { canonicalJson, sha256Hex } from '../shared/canonical-json';
import { AuditData, AuditEvent } from './audit-event.entity';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditLink {
  challengeId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  data: AuditData;
  contentHash: string | null;
  prevHash: string;
}

/** hash = SHA-256 over the canonical JSON of the link's content including the previous hash. */
export function auditHash(link: AuditLink): string {
  return sha256Hex(
    canonicalJson({
      challengeId: link.challengeId,
      seq: link.seq,
      at: link.at.toISOString(),
      actorId: link.actorId,
      action: link.action,
      data: link.data,
      contentHash: link.contentHash,
      prevHash: link.prevHash,
    }),
  );
}

/** Builds the next link after `previous` (or the first link). */
export function nextAuditEvent(
  previous: Pick<AuditEvent, 'seq' | 'hash'> | null,
  input: { challengeId: string; at: Date; actorId: string | null; action: string; data: AuditData; contentHash: string | null },
): AuditEvent {
  const event = new AuditEvent();
  event.challengeId = input.challengeId;
  event.seq = previous ? previous.seq + 1 : 1;
  event.at = input.at;
  event.actorId = input.actorId;
  event.action = input.action;
  event.data = input.data;
  event.contentHash = input.contentHash;
  event.prevHash = previous ? previous.hash : GENESIS_HASH;
  event.hash = auditHash(event);
  return event;
}

export interface ChainVerification {
  valid: boolean;
  length: number;
  head: string;
  /** `seq` of the first link whose hash, previous hash or sequence does not match; null when valid. */
  brokenAt: number | null;
}

/** Recomputes every link in order; names the first broken one. */
export function verifyAuditChain(events: AuditEvent[]): ChainVerification {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    if (event.seq !== expectedSeq || event.prevHash !== prev || auditHash(event) !== event.hash) {
      return { valid: false, length: events.length, head: events[events.length - 1].hash, brokenAt: event.seq };
    }
    prev = event.hash;
    expectedSeq += 1;
  }
  return { valid: true, length: events.length, head: prev, brokenAt: null };
}
