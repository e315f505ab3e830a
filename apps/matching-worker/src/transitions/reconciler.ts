import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChallengesRepository } from '@jiebang/domain';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';
import { PeriodicTask } from '../jobs/periodic-task';
import { AggregateReviewsTransition } from '../reviews/aggregate-reviews.transition';
import { AssignReviewersTransition } from '../reviews/assign-reviewers.transition';
import { FinalizePublicityTransition } from '../reviews/finalize-publicity.transition';
import { CloseBiddingTransition } from './close-bidding.transition';

const BATCH = 200;
/** Retry delays for a challenge short of reviewers, doubling from the first to the last. */
const SHORTAGE_RETRY_MS = { first: 5_000, max: 300_000 };

/** Advisory-lock key of the reconciler ("jiebang" as a number); one worker reconciles at a time. */
export const RECONCILER_LOCK_KEY = 0x6a6965;

/**
 * Applies every overdue time-driven transition it finds in the database, every RECONCILE_INTERVAL_MS. A timer,
 * not a Redis job, so it works while Redis is down or after Redis lost its data; the delayed jobs are the fast
 * path, this is the guarantee.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  /** Challenges short of reviewers: when to try again and the current delay (backoff between ticks). */
  private readonly shortage = new Map<string, { nextAt: number; delayMs: number }>();
  private readonly task = new PeriodicTask('reconciler', this.logger, () => this.tick(), () => this.config.reconcileIntervalMs);

  constructor(
    private readonly dataSource: DataSource,
    private readonly challenges: ChallengesRepository,
    private readonly closeBidding: CloseBiddingTransition,
    private readonly assignReviewers: AssignReviewersTransition,
    private readonly aggregateReviews: AggregateReviewsTransition,
    private readonly finalizePublicity: FinalizePublicityTransition,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass; returns the number of transitions applied. */
  async tick(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RECONCILER_LOCK_KEY])) as Array<{ locked: boolean }>;
      if (!locked) return 0;
      try {
        let applied = 0;
        for (const id of await this.challenges.idsDueForClose(BATCH)) {
          const outcome = await this.closeBidding.run(id);
          if (outcome === 'closed' || outcome === 'failed') applied += 1;
        }
        applied += await this.reviewTransitions();
        for (const id of await this.challenges.idsDueForFinalization(BATCH)) {
          if ((await this.finalizePublicity.run(id)) === 'awarded') applied += 1;
        }
        if (applied > 0) this.logger.log({ applied }, 'reconciler applied overdue transitions');
        return applied;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RECONCILER_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Challenges short of reviewers (just closed, or after a decline or suspension) get their assignment, with an
   * in-memory backoff while reviewers are short; challenges whose reviews are all in get aggregated — whatever
   * happened to their jobs.
   */
  private async reviewTransitions(): Promise<number> {
    let applied = 0;
    const now = Date.now();
    for (const id of await this.challenges.idsNeedingReviewers(BATCH)) {
      const backoff = this.shortage.get(id);
      if (backoff && backoff.nextAt > now) continue;
      const result = await this.assignReviewers.run(id);
      if (result.outcome === 'shortage') {
        const delayMs = backoff ? Math.min(backoff.delayMs * 2, SHORTAGE_RETRY_MS.max) : SHORTAGE_RETRY_MS.first;
        this.shortage.set(id, { nextAt: now + delayMs, delayMs });
      } else {
        this.shortage.delete(id);
        if (result.outcome === 'assigned') applied += 1;
      }
    }
    for (const id of await this.challenges.idsReadyForAggregation(BATCH)) {
      const aggregated = await this.aggregateReviews.run(id);
      if (aggregated === 'shortlisted' || aggregated === 'failed') applied += 1;
    }
    return applied;
  }
}
