import type { FaultStack } from './fault-stack';

/** Transitions that must be applied at most once per challenge (audit actions). */
const ONCE_PER_CHALLENGE = ['challenge.closed', 'challenge.failed', 'challenge.reviewing', 'challenge.ranked', 'challenge.shortlisted', 'challenge.publicity', 'challenge.awarded'];

async function rows<T>(stack: FaultStack, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await stack.db.query(sql, params)).rows as T[];
}

/**
 * "Nothing lost, nothing doubled", asserted with SQL after a fault:
 * - every bid the API accepted (201) exists, with its revisions and an outbox row per revision;
 * - every bid revision has exactly one assessment;
 * - no reviewer is assigned twice to a bid, and no bid has more live assignments than the challenge asks;
 * - no notification is stored twice (same user, same dedupe key);
 * - no transition was applied twice to a challenge.
 */
export async function expectNothingLostNorDoubled(stack: FaultStack, acceptedBidIds: Iterable<string>): Promise<void> {
  const accepted = [...new Set(acceptedBidIds)];
  const stored = await rows<{ id: string }>(stack, 'SELECT id FROM bids WHERE id = ANY($1)', [accepted]);
  expect(stored.length).toBe(accepted.length);

  const revisions = await rows<{ bid_id: string; missing: number }>(
    stack,
    `SELECT b.id AS bid_id, b.revision - count(r.revision)::int AS missing
       FROM bids b LEFT JOIN bid_revisions r ON r.bid_id = b.id GROUP BY b.id, b.revision HAVING b.revision <> count(r.revision)`,
  );
  expect(revisions).toEqual([]);

  const unassessed = await rows(
    stack,
    `SELECT r.bid_id, r.revision, count(a.bid_id)::int AS assessments
       FROM bid_revisions r LEFT JOIN bid_assessments a ON a.bid_id = r.bid_id AND a.revision = r.revision
      GROUP BY r.bid_id, r.revision HAVING count(a.bid_id) <> 1`,
  );
  expect(unassessed).toEqual([]);

  const withoutOutbox = await rows(
    stack,
    `SELECT r.bid_id, r.revision FROM bid_revisions r
      WHERE NOT EXISTS (SELECT 1 FROM outbox_messages m WHERE m.job_name = 'assess-bid'
                          AND m.payload->>'bidId' = r.bid_id::text AND (m.payload->>'revision')::int = r.revision)`,
  );
  expect(withoutOutbox).toEqual([]);

  const doubleAssignments = await rows(
    stack,
    'SELECT bid_id, reviewer_id, count(*)::int AS n FROM review_assignments GROUP BY bid_id, reviewer_id HAVING count(*) > 1',
  );
  expect(doubleAssignments).toEqual([]);
  const overAssigned = await rows(
    stack,
    `SELECT a.bid_id, count(*)::int AS n FROM review_assignments a JOIN challenges c ON c.id = a.challenge_id
      WHERE a.status <> 'declined' GROUP BY a.bid_id, c.reviewers_per_bid HAVING count(*) > c.reviewers_per_bid`,
  );
  expect(overAssigned).toEqual([]);

  const doubleNotifications = await rows(
    stack,
    'SELECT user_id, dedupe_key, count(*)::int AS n FROM notifications GROUP BY user_id, dedupe_key HAVING count(*) > 1',
  );
  expect(doubleNotifications).toEqual([]);

  const doubleTransitions = await rows(
    stack,
    'SELECT challenge_id, action, count(*)::int AS n FROM audit_events WHERE action = ANY($1) GROUP BY challenge_id, action HAVING count(*) > 1',
    [ONCE_PER_CHALLENGE],
  );
  expect(doubleTransitions).toEqual([]);
}

/** The audit actions of one challenge, in chain order. */
export async function auditActions(stack: FaultStack, challengeId: string): Promise<string[]> {
  const found = await rows<{ action: string }>(stack, 'SELECT action FROM audit_events WHERE challenge_id = $1 ORDER BY seq', [challengeId]);
  return found.map((r) => r.action);
}
