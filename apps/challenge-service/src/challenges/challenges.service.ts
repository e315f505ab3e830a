import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import {
  Actor,
  AuditTrail,
  Challenge,
  ChallengeAddendum,
  ChallengesRepository,
  Clock,
  EnterpriseProfilesRepository,
  ForbiddenError,
  NotFoundError,
  OrganizationsRepository,
  ParticipantNotifier,
  Page,
  UnauthenticatedError,
} from '@jiebang/domain';
import { checkEligibility, EligibilityResult, tokenize } from '@jiebang/matching';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';
import { Outbox } from '@jiebang/queue';
import { AddAddendumDto, CancelChallengeDto, CreateChallengeDto, ListChallengesQueryDto, UpdateChallengeDto } from './challenge.dto';
import { contentChanges, contentFromCreate, searchDocumentOf } from './challenge-content.mapper';
import { ChallengePageResponse, ChallengeResponse, toChallengeResponse } from './challenge.response';

/** Use cases of a challenge before its bids are opened: draft, edit, publish, addenda, cancel, eligibility. */
@Injectable()
export class ChallengesService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly challenges: ChallengesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly profiles: EnterpriseProfilesRepository,
    private readonly audit: AuditTrail,
    private readonly notifier: ParticipantNotifier,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateChallengeDto): Promise<ChallengeResponse> {
    const organization = actor.organizationId ? await this.organizations.findById(actor.organizationId) : null;
    if (!organization) throw new ForbiddenError('Only a lead enterprise account can post challenges.');
    const challenge = await this.tx.run(async () => {
      const now = await this.tx.databaseNow();
      const draft = Challenge.draft(
        contentFromCreate(dto),
        { organizationId: organization.id, organizationName: organization.name, userId: actor.userId },
        now,
      );
      await this.challenges.insert(draft, searchDocumentOf(draft));
      await this.audit.record({ challengeId: draft.id, actorId: actor.userId, action: 'challenge.created', data: { title: draft.title } }, now);
      return draft;
    });
    return toChallengeResponse(challenge, [], undefined);
  }

  async list(viewer: Actor | null, query: ListChallengesQueryDto): Promise<ChallengePageResponse> {
    if (query.mine) {
      if (!viewer) throw new UnauthenticatedError('mine=true needs a signed-in lead.');
      if (viewer.role !== 'lead' || !viewer.organizationId) throw new ForbiddenError('mine=true is for lead accounts.');
    }
    let searchTerms: string | undefined;
    if (query.q !== undefined) {
      searchTerms = tokenize(query.q).join(' ');
      if (searchTerms === '') return { items: [], nextCursor: null };
    }
    const page = await this.challenges.list({
      status: query.status,
      searchTerms,
      industry: query.industry,
      tag: query.tag,
      mineOf: query.mine ? (viewer?.organizationId ?? undefined) : undefined,
      limit: query.limit,
      cursor: query.cursor,
    });
    return this.present(page);
  }

  async get(viewer: Actor | null, id: string): Promise<ChallengeResponse> {
    const challenge = await this.challenges.findVisible(id, viewer);
    if (!challenge) throw new NotFoundError('Challenge');
    return this.presentOne(challenge);
  }

  async update(actor: Actor, id: string, dto: UpdateChallengeDto): Promise<ChallengeResponse> {
    const challenge = await this.tx.run(async () => {
      const found = await this.ownedForUpdate(actor, id);
      const now = await this.tx.databaseNow();
      found.edit(contentChanges(dto), dto.version, now);
      await this.challenges.save(found, searchDocumentOf(found));
      await this.audit.record({ challengeId: id, actorId: actor.userId, action: 'challenge.updated', data: { version: found.version } }, now);
      return found;
    });
    return this.presentOne(challenge);
  }

  async publish(actor: Actor, id: string): Promise<ChallengeResponse> {
    const challenge = await this.tx.run(async () => {
      const found = await this.ownedForUpdate(actor, id);
      const now = await this.tx.databaseNow();
      found.publish(now, this.config.minBidWindowSeconds);
      await this.challenges.save(found);
      await this.audit.record(
        { challengeId: id, actorId: actor.userId, action: 'challenge.published', data: { bidDeadline: found.bidDeadline.toISOString() } },
        now,
      );
      await this.scheduleClose(found);
      await this.outbox.enqueue('match-challenge', { challengeId: id }, { key: id });
      return found;
    });
    return this.presentOne(challenge);
  }

  async addAddendum(actor: Actor, id: string, dto: AddAddendumDto): Promise<ChallengeResponse> {
    const challenge = await this.tx.run(async () => {
      const found = await this.ownedForUpdate(actor, id);
      const now = await this.tx.databaseNow();
      const newDeadline = dto.bidDeadline ? new Date(dto.bidDeadline) : null;
      const moved = found.addAddendum(newDeadline, now);
      const addendum = ChallengeAddendum.create(id, dto.text, moved ? newDeadline : null, now);
      await this.challenges.insertAddendum(addendum);
      await this.challenges.save(found);
      await this.audit.record(
        {
          challengeId: id,
          actorId: actor.userId,
          action: 'challenge.addendum',
          data: { addendumId: addendum.id, text: addendum.text, bidDeadline: addendum.bidDeadline?.toISOString() ?? null },
        },
        now,
      );
      await this.notifier.notifyBidders(
        id,
        {
          type: 'challenge.addendum',
          challengeId: id,
          message: moved
            ? `「${found.title}」 has an addendum; the bid deadline is now ${found.bidDeadline.toISOString()}.`
            : `「${found.title}」 has an addendum.`,
          dedupeKey: `addendum:${addendum.id}`,
        },
        now,
      );
      if (moved) await this.scheduleClose(found);
      return found;
    });
    return this.presentOne(challenge);
  }

  async cancel(actor: Actor, id: string, dto: CancelChallengeDto): Promise<ChallengeResponse> {
    const challenge = await this.tx.run(async () => {
      const found = await this.challenges.findVisibleForUpdate(id, actor);
      if (!found) throw new NotFoundError('Challenge');
      const by = actor.role === 'admin' ? 'admin' : found.organizationId === actor.organizationId ? 'owner' : null;
      if (!by) throw new ForbiddenError('Only the challenge owner or an administrator can cancel it.');
      const now = await this.tx.databaseNow();
      found.cancel(by, dto.reason, now);
      await this.challenges.save(found);
      await this.audit.record({ challengeId: id, actorId: actor.userId, action: 'challenge.cancelled', data: { reason: dto.reason, by } }, now);
      await this.notifier.notifyBidders(
        id,
        { type: 'challenge.cancelled', challengeId: id, message: `「${found.title}」 was cancelled: ${dto.reason}`, dedupeKey: `cancelled:${id}` },
        now,
      );
      return found;
    });
    return this.presentOne(challenge);
  }

  /** The eligibility pre-check: every failed rule with a reason, before the SME writes a bid. */
  async eligibility(actor: Actor, id: string): Promise<EligibilityResult> {
    const challenge = await this.challenges.findVisible(id, actor);
    if (!challenge) throw new NotFoundError('Challenge');
    const facts = actor.organizationId ? await this.profiles.eligibilityFactsOf(actor.organizationId) : null;
    if (!facts) throw new ForbiddenError('Only an SME account has an eligibility to check.');
    return checkEligibility(challenge.eligibility, facts);
  }

  /** The deadline as a delayed job, one per challenge and deadline; the reconciler backs it up. */
  private async scheduleClose(challenge: Challenge): Promise<void> {
    await this.outbox.enqueue(
      'close-bidding',
      { challengeId: challenge.id },
      { key: `${challenge.id}_${challenge.bidDeadline.getTime()}`, runAt: challenge.bidDeadline },
    );
  }

  /** Locks a challenge the actor may see; another lead's visible challenge is 403, an invisible one 404. */
  private async ownedForUpdate(actor: Actor, id: string): Promise<Challenge> {
    const found = await this.challenges.findVisibleForUpdate(id, actor);
    if (!found) throw new NotFoundError('Challenge');
    if (found.organizationId !== actor.organizationId) throw new ForbiddenError('Only the challenge owner can change it.');
    return found;
  }

  private async presentOne(challenge: Challenge): Promise<ChallengeResponse> {
    const page = await this.present({ items: [challenge], nextCursor: null });
    return page.items[0];
  }

  private async present(page: Page<Challenge>): Promise<ChallengePageResponse> {
    const [addenda, counts] = await Promise.all([
      this.challenges.addendaOf(page.items.map((c) => c.id)),
      this.challenges.openedBidCounts(page.items),
    ]);
    return {
      items: page.items.map((c) => toChallengeResponse(c, addenda.get(c.id) ?? [], counts.get(c.id))),
      nextCursor: page.nextCursor,
    };
  }
}
