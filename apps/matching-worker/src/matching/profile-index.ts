import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { EnterpriseProfilesRepository } from '@jiebang/domain';
import { RankingIndex } from '@jiebang/matching';
import { MetricsService } from '@jiebang/platform';
import { PeriodicTask } from '../jobs/periodic-task';
import { toEnterpriseDocument } from './documents';

const BATCH = 1000;
const FOLLOW_INTERVAL_MS = 1000;

/**
 * This worker's ranking index of every SME profile. Built at start-up, then kept current by following
 * `enterprise_profiles.change_seq` (every write takes a new value from a sequence): each worker process
 * follows the database itself, so several workers agree, and no change ever needs a full rebuild.
 * Jobs call `current()`, which first applies every change committed so far.
 */
@Injectable()
export class ProfileIndex implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProfileIndex.name);
  private readonly index = new RankingIndex();
  private lastSeq = 0;
  private catchingUp: Promise<number> | null = null;
  private readonly follower = new PeriodicTask('profile following', this.logger, () => this.catchUp(), () => FOLLOW_INTERVAL_MS);

  constructor(
    private readonly profiles: EnterpriseProfilesRepository,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    const started = Date.now();
    void this.catchUp()
      .then((applied) => this.logger.log({ profiles: applied, ms: Date.now() - started }, 'ranking index built'))
      .catch((error: unknown) => this.logger.error({ err: error }, 'building the ranking index failed; retrying'))
      .finally(() => this.follower.start(FOLLOW_INTERVAL_MS));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.follower.stop();
    await this.catchingUp?.catch(() => undefined);
  }

  /** The index with every committed profile change applied. */
  async current(): Promise<RankingIndex> {
    await this.catchUp();
    return this.index;
  }

  get size(): number {
    return this.index.size;
  }

  /** Applies profile changes after the last one seen; concurrent callers share one pass. */
  catchUp(): Promise<number> {
    this.catchingUp ??= this.applyChanges().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async applyChanges(): Promise<number> {
    let applied = 0;
    for (;;) {
      const changes = await this.profiles.changedSince(this.lastSeq, BATCH);
      for (const { organization, profile } of changes) {
        this.index.upsert(toEnterpriseDocument(organization, profile));
        this.lastSeq = Math.max(this.lastSeq, profile.changeSeq);
      }
      applied += changes.length;
      if (changes.length < BATCH) break;
      await new Promise((resolve) => setImmediate(resolve)); // let BullMQ renew its locks between batches
    }
    if (applied > 0) this.metrics.counter('jiebang_profile_index_updates_total', 'Profiles applied to the ranking index', []).inc(applied);
    return applied;
  }
}
