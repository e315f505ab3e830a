import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@jiebang/auth';
import { Actor, AuditEvent, AuditTrail, ChallengesRepository, NotFoundError, verifyAuditChain } from '@jiebang/domain';
import { ProblemDetails, UuidParam } from '@jiebang/platform';

export class AuditEventResponse {
  @ApiProperty() seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for bid events until the bids are opened' })
  actorId!: string | null;
  @ApiProperty({ example: 'bid.submitted' }) action!: string;
  @ApiProperty({ type: Object, additionalProperties: true, nullable: true, description: 'null for bid events until the bids are opened' })
  data!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the bid revision content (bid events)' })
  contentHash!: string | null;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

export class AuditListResponse {
  @ApiProperty({ type: [AuditEventResponse] }) items!: AuditEventResponse[];
}

export class AuditVerificationResponse {
  @ApiProperty() valid!: boolean;
  @ApiProperty() length!: number;
  @ApiProperty({ description: 'Hash of the last event (64 zeros for an empty chain)' }) head!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'seq of the first broken link' }) brokenAt!: number | null;
}

/** Until the bids are opened, bid events show neither who nor what — only that something was sealed, and its hash. */
function toAuditEventResponse(e: AuditEvent, opened: boolean): AuditEventResponse {
  const sealed = !opened && e.action.startsWith('bid.');
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actorId: sealed ? null : e.actorId,
    action: e.action,
    data: sealed ? null : e.data,
    contentHash: e.contentHash,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

@Injectable()
export class AuditService {
  constructor(
    private readonly challenges: ChallengesRepository,
    private readonly audit: AuditTrail,
  ) {}

  async list(actor: Actor, challengeId: string): Promise<AuditListResponse> {
    const challenge = await this.challenges.findVisible(challengeId, actor);
    if (!challenge) throw new NotFoundError('Challenge');
    if (actor.role !== 'admin' && challenge.organizationId !== actor.organizationId) throw new NotFoundError('Audit log');
    const events = await this.audit.chainOf(challengeId);
    return { items: events.map((e) => toAuditEventResponse(e, challenge.isOpened)) };
  }

  async verify(actor: Actor, challengeId: string): Promise<AuditVerificationResponse> {
    const challenge = await this.challenges.findVisible(challengeId, actor);
    if (!challenge) throw new NotFoundError('Challenge');
    return verifyAuditChain(await this.audit.chainOf(challengeId));
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiResponse({ status: 404, type: ProblemDetails })
@Controller('api/v1/challenges/:id/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The challenge’s hash-chained audit log (owner, admin).' })
  @ApiResponse({ status: 200, type: AuditListResponse })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AuditListResponse> {
    return this.audit.list(actor, id);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the chain (anyone signed in who can see the challenge); names the first broken link.' })
  @ApiResponse({ status: 200, type: AuditVerificationResponse })
  verify(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AuditVerificationResponse> {
    return this.audit.verify(actor, id);
  }
}
