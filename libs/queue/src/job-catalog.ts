/**
 * The typed job catalog: every job name, its queue and its payload. Names are persisted in Redis and in the
 * outbox table: never rename one. Payloads carry ids only — never bid content or prices.
 */
export const QUEUE_NAMES = ['transitions', 'matching'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobCatalog {
  /** The deadline of a published challenge: close bidding (开标) or fail it when no bid is live. */
  'close-bidding': { challengeId: string };
  /**
   * A closed challenge needs reviewers, or a reviewing one lost some (decline, suspension): fill every missing
   * slot optimally. Throws on a shortage, so BullMQ retries it with backoff.
   */
  'assign-reviewers': { challengeId: string };
  /** The last review is in: aggregate, rank and shortlist (or fail). */
  'aggregate-reviews': { challengeId: string };
  /** The publicity period (公示) ends: the award becomes final unless an objection is open. */
  'finalize-publicity': { challengeId: string };
  /** A challenge was published: rank every SME profile, store the top 200, notify the top eligible SMEs. */
  'match-challenge': { challengeId: string };
  /** A profile changed (or was imported): rank every open challenge for that SME. */
  'rematch-enterprise': { organizationId: string };
  /** A bid revision was submitted or amended: the advisory assessment (ids only — never content or price). */
  'assess-bid': { bidId: string; revision: number };
}
export type JobName = keyof JobCatalog;
export type JobPayload<N extends JobName> = JobCatalog[N];

export const JOB_QUEUE = {
  'close-bidding': 'transitions',
  'assign-reviewers': 'transitions',
  'aggregate-reviews': 'transitions',
  'finalize-publicity': 'transitions',
  'match-challenge': 'matching',
  'rematch-enterprise': 'matching',
  'assess-bid': 'matching',
} as const satisfies { [N in JobName]: QueueName };

export type JobsOf<Q extends QueueName> = { [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never }[JobName];

/** A discriminated union of the jobs of one queue, for exhaustive `switch` in its processor. */
export type QueueJob<Q extends QueueName> = { [N in JobsOf<Q>]: { name: N; payload: JobCatalog[N] } }[JobsOf<Q>];

export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((n) => JOB_QUEUE[n] === queue);
}
