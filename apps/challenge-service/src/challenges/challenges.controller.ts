import { Body, Controller, Get, HttpCode, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, OptionalActor, Roles } from '@jiebang/auth';
import { Actor } from '@jiebang/domain';
import { Idempotent, IdempotencyInterceptor, ProblemDetails, Public, UuidParam } from '@jiebang/platform';
import { AddAddendumDto, CancelChallengeDto, CreateChallengeDto, ListChallengesQueryDto, UpdateChallengeDto } from './challenge.dto';
import { ChallengePageResponse, ChallengeResponse } from './challenge.response';
import { EligibilityCheckResponse } from './eligibility.response';
import { ChallengesService } from './challenges.service';

@ApiTags('challenges')
@ApiBearerAuth()
@ApiResponse({ status: 400, type: ProblemDetails, description: 'VALIDATION_FAILED' })
@ApiResponse({ status: 401, type: ProblemDetails, description: 'UNAUTHENTICATED' })
@Controller('api/v1/challenges')
export class ChallengesController {
  constructor(private readonly challenges: ChallengesService) {}

  @Post()
  @Roles('lead')
  @Idempotent('challenges')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Create a draft challenge (lead).' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays the first response for 24 h' })
  @ApiResponse({ status: 201, type: ChallengeResponse })
  @ApiResponse({ status: 422, type: ProblemDetails, description: 'RULE_VIOLATION (weights, deadline, shortlist size)' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateChallengeDto): Promise<ChallengeResponse> {
    return this.challenges.create(actor, body);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Published and later challenges, newest first; mine=true (lead) adds own drafts.' })
  @ApiResponse({ status: 200, type: ChallengePageResponse })
  list(@OptionalActor() viewer: Actor | null, @Query() query: ListChallengesQueryDto): Promise<ChallengePageResponse> {
    return this.challenges.list(viewer, query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A challenge; a draft only for its owner (404 otherwise).' })
  @ApiResponse({ status: 200, type: ChallengeResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  get(@OptionalActor() viewer: Actor | null, @UuidParam('id') id: string): Promise<ChallengeResponse> {
    return this.challenges.get(viewer, id);
  }

  @Patch(':id')
  @Roles('lead')
  @ApiOperation({ summary: 'Edit a draft (owner) at the version it was read.' })
  @ApiResponse({ status: 200, type: ChallengeResponse })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE (not a draft) or VERSION_CONFLICT' })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateChallengeDto): Promise<ChallengeResponse> {
    return this.challenges.update(actor, id, body);
  }

  @Post(':id/publish')
  @Roles('lead')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft (owner); the deadline must be later than now + MIN_BID_WINDOW_SECONDS.' })
  @ApiResponse({ status: 200, type: ChallengeResponse })
  @ApiResponse({ status: 422, type: ProblemDetails, description: 'RULE_VIOLATION' })
  publish(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ChallengeResponse> {
    return this.challenges.publish(actor, id);
  }

  @Post(':id/addenda')
  @Roles('lead')
  @ApiOperation({ summary: 'Add an addendum to a published challenge (owner); a new deadline may only be later.' })
  @ApiResponse({ status: 201, type: ChallengeResponse })
  addAddendum(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: AddAddendumDto): Promise<ChallengeResponse> {
    return this.challenges.addAddendum(actor, id, body);
  }

  @Post(':id/cancel')
  @Roles('lead', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel: the owner before the deadline, an admin any time before the award is final.' })
  @ApiResponse({ status: 200, type: ChallengeResponse })
  cancel(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CancelChallengeDto): Promise<ChallengeResponse> {
    return this.challenges.cancel(actor, id, body);
  }

  @Get(':id/eligibility')
  @Roles('sme')
  @ApiOperation({ summary: "Eligibility pre-check of the caller's organization, with every failed rule." })
  @ApiResponse({ status: 200, type: EligibilityCheckResponse })
  eligibility(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<EligibilityCheckResponse> {
    return this.challenges.eligibility(actor, id);
  }
}
