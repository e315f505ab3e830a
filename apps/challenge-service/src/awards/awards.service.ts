import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@jiebang/database';
import {
  Actor,
  AuditTrail,
  AwardFinalizer,
  Bid,
  BidsRepository,
  Challenge,
  ChallengesRepository,
  FieldError,
  ForbiddenError,
  InvalidStateError,
  NotFoundError,
  Objection,
  ObjectionsRepository,
  ParticipantNotifier,
  RuleViolationError,
} from '@jiebang/domain';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';
import { Outbox } from '@jiebang/queue';
import { AwardDto, FileObjectionDto, ListObjectionsQueryDto, ObjectionPageResponse, ObjectionResponse, ResolveObjectionDto, ResultResponse } from './award.dto';
import { ResultsService } from './results.service';

function toObjectionResponse(o: Objection, forAdmin: boolean): ObjectionResponse {
  return {
    id: o.id,
    challengeId: o.challengeId,
    bidId: o.bidId,
    status: o.status,
    reason: o.reason,
    evidence: o.evidence,
    createdAt: o.createdAt.toISOString(),
    ...(o.status !== 'open' && o.resolvedAt
      ? { resolution: { decision: o.status, note: o.resolutionNote ?? '', resolvedAt: o.resolvedAt.toISOString() } }
      : {}),
    ...(forAdmin ? { objectorId: o.objectorId } : {}),
  };
}

/** Award, publicity (公示) and objections (异议): PRODUCT.md step 7. */
@Injectable()
export class AwardsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly challenges: ChallengesRepository,
    private readonly bids: BidsRepository,
    private readonly objections: ObjectionsRepository,
    private readonly finalizer: AwardFinalizer,
    private readonly audit: AuditTrail,
    private readonly notifier: ParticipantNotifier,
    private readonly outbox: Outbox,
    private readonly results: ResultsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The lead names the full set of winners (shortlisted or still-awarded bids, at most maxWinners): they read
   * `awarded`, earlier winners left out go back to `shortlisted`, and a new publicity period starts.
   */
  async award(actor: Actor, challengeId: string, dto: AwardDto): Promise<ResultResponse> {
    const challenge = await this.tx.run(async () => {
      const found = await this.challenges.findVisibleForUpdate(challengeId, actor);
      if (!found) throw new NotFoundError('Challenge');
      if (found.organizationId !== actor.organizationId) throw new ForbiddenError('Only the challenge owner can award it.');
      const now = await this.tx.databaseNow();
      if (found.status !== 'shortlisted') throw new InvalidStateError(`The challenge is ${found.status}; only a shortlisted challenge can be awarded.`);
      const bids = await this.bids.liveBidsOfChallenge(challengeId, true);
      const byId = new Map(bids.map((b) => [b.id, b]));
      const problems: FieldError[] = [];
      dto.bidIds.forEach((id, i) => {
        const bid = byId.get(id);
        if (!bid || (bid.status !== 'shortlisted' && bid.status !== 'awarded')) {
          problems.push({ field: `bidIds.${i}`, message: `${id} is not a shortlisted bid of this challenge` });
        }
      });
      if (problems.length > 0) throw new RuleViolationError('Only shortlisted bids can be awarded.', problems);
      found.award(dto.bidIds.length, this.config.publicityPeriodSeconds, now);
      const winners = new Set(dto.bidIds);
      for (const bid of bids) {
        if (winners.has(bid.id)) bid.award(now);
        else if (bid.status === 'awarded') bid.revokeAward(now);
        else continue;
        await this.bids.save(bid);
      }
      await this.challenges.save(found);
      const endsAt = found.publicityEndsAt as Date;
      await this.audit.record(
        { challengeId, actorId: actor.userId, action: 'challenge.publicity', data: { winners: dto.bidIds, publicityEndsAt: endsAt.toISOString() } },
        now,
      );
      await this.notifyBidders(found, bids, winners, now);
      await this.outbox.enqueue('finalize-publicity', { challengeId }, { key: `${challengeId}_${endsAt.getTime()}`, runAt: endsAt });
      return found;
    });
    return this.results.resultOf(challenge);
  }

  async fileObjection(actor: Actor, challengeId: string, dto: FileObjectionDto): Promise<ObjectionResponse> {
    return this.tx.run(async () => {
      const challenge = await this.challenges.findVisibleForUpdate(challengeId, actor);
      if (!challenge) throw new NotFoundError('Challenge');
      const now = await this.tx.databaseNow();
      if (challenge.status !== 'publicity' || !challenge.publicityEndsAt || now.getTime() >= challenge.publicityEndsAt.getTime()) {
        throw new InvalidStateError(`The challenge is ${challenge.status}; objections are filed during publicity.`);
      }
      if (dto.bidId) {
        const bid = await this.bids.findById(dto.bidId);
        if (!bid || bid.challengeId !== challengeId || bid.status !== 'awarded') {
          throw new RuleViolationError('Objections name an awarded bid, or none (the whole result).', [
            { field: 'bidId', message: 'not an awarded bid of this challenge' },
          ]);
        }
      }
      const objection = Objection.file({ challengeId, bidId: dto.bidId ?? null, objectorId: actor.userId, reason: dto.reason, evidence: dto.evidence }, now);
      await this.objections.insert(objection);
      // the objector is named to admins only: the chain records the objection, not who filed it
      await this.audit.record({ challengeId, actorId: null, action: 'objection.filed', data: { objectionId: objection.id, bidId: objection.bidId } }, now);
      return toObjectionResponse(objection, actor.role === 'admin');
    });
  }

  async listObjections(actor: Actor, query: ListObjectionsQueryDto): Promise<ObjectionPageResponse> {
    const admin = actor.role === 'admin';
    const page = await this.objections.list({
      viewer: admin ? null : { userId: actor.userId, leadOrganizationId: actor.role === 'lead' ? actor.organizationId : null },
      challengeId: query.challengeId,
      status: query.status,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map((o) => toObjectionResponse(o, admin)), nextCursor: page.nextCursor };
  }

  /**
   * Upheld against a bid: it is disqualified; against the result: every award is revoked; either way the
   * challenge is back to shortlisted. Dismissing the last open objection after publicity ended finalises at once.
   */
  async resolveObjection(actor: Actor, id: string, dto: ResolveObjectionDto): Promise<ObjectionResponse> {
    return this.tx.run(async () => {
      const found = await this.objections.findById(id);
      if (!found) throw new NotFoundError('Objection');
      const challenge = await this.challenges.lockById(found.challengeId);
      const objection = await this.objections.findById(id); // re-read under the challenge lock
      if (!challenge || !objection) throw new NotFoundError('Objection');
      const now = await this.tx.databaseNow();
      objection.resolve(dto.decision, dto.note, actor.userId, now);
      await this.objections.save(objection);
      await this.audit.record(
        { challengeId: challenge.id, actorId: actor.userId, action: `objection.${dto.decision}`, data: { objectionId: id, bidId: objection.bidId, note: dto.note } },
        now,
      );
      if (dto.decision === 'upheld') await this.uphold(challenge, objection, now);
      else if (challenge.isDueForFinalization(now) && (await this.objections.countOpen(challenge.id)) === 0) {
        await this.finalizer.finalize(challenge, now, actor.userId);
      }
      return toObjectionResponse(objection, true);
    });
  }

  private async uphold(challenge: Challenge, objection: Objection, now: Date): Promise<void> {
    const bids = await this.bids.liveBidsOfChallenge(challenge.id, true);
    const changed: string[] = [];
    for (const bid of bids) {
      if (objection.bidId ? bid.id === objection.bidId && ['awarded', 'shortlisted'].includes(bid.status) : bid.status === 'awarded') {
        if (objection.bidId) bid.disqualify(now);
        else bid.revokeAward(now);
        await this.bids.save(bid);
        changed.push(bid.id);
      }
    }
    challenge.reopenShortlist(now);
    await this.challenges.save(challenge);
    await this.audit.record(
      { challengeId: challenge.id, actorId: null, action: objection.bidId ? 'bid.disqualified' : 'challenge.award-revoked', data: { bidIds: changed } },
      now,
    );
  }

  private async notifyBidders(challenge: Challenge, bids: Bid[], winners: Set<string>, now: Date): Promise<void> {
    const round = (challenge.publicityEndsAt as Date).getTime();
    for (const bid of bids) {
      const won = winners.has(bid.id);
      await this.notifier.notifyOrganizations(
        [bid.organizationId],
        {
          type: won ? 'bid.awarded' : 'bid.not-awarded',
          challengeId: challenge.id,
          bidId: bid.id,
          message: won
            ? `Your bid on 「${challenge.title}」 is awarded; the result is public until ${(challenge.publicityEndsAt as Date).toISOString()} (公示).`
            : `Your bid on 「${challenge.title}」 was not chosen; your feedback is available.`,
          dedupeKey: `award:${challenge.id}:${round}:${bid.id}`,
        },
        now,
      );
    }
  }
}
