import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@jiebang/auth';
import { Actor } from '@jiebang/domain';
import { ProblemDetails, Public, UuidParam } from '@jiebang/platform';
import {
  AwardDto,
  ChallengeReviewListResponse,
  FileObjectionDto,
  ListObjectionsQueryDto,
  ObjectionPageResponse,
  ObjectionResponse,
  RankingResponse,
  ResolveObjectionDto,
  ResultResponse,
} from './award.dto';
import { AwardsService } from './awards.service';
import { ResultsService } from './results.service';

@ApiTags('award')
@ApiBearerAuth()
@ApiResponse({ status: 404, type: ProblemDetails, description: 'NOT_FOUND' })
@Controller('api/v1/challenges/:id')
export class ChallengeResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly awards: AwardsService,
  ) {}

  @Get('ranking')
  @Roles('lead', 'admin')
  @ApiOperation({ summary: 'The official ranking with intervals and flags (owner, admin; from shortlisted on).' })
  @ApiResponse({ status: 200, type: RankingResponse })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE before review has ranked the bids' })
  ranking(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<RankingResponse> {
    return this.results.ranking(actor, id);
  }

  @Get('reviews')
  @Roles('lead', 'admin')
  @ApiOperation({ summary: 'Every submitted review under stable reviewer pseudonyms (owner, admin; admins also get reviewerId).' })
  @ApiResponse({ status: 200, type: ChallengeReviewListResponse })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE before review has ranked the bids' })
  reviews(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ChallengeReviewListResponse> {
    return this.results.reviewsOf(actor, id);
  }

  @Post('award')
  @HttpCode(200)
  @Roles('lead')
  @ApiOperation({ summary: 'Award the full set of winners among shortlisted bids (owner); publicity (公示) starts.' })
  @ApiResponse({ status: 200, type: ResultResponse })
  @ApiResponse({ status: 403, type: ProblemDetails, description: 'FORBIDDEN: not the owner' })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE: not shortlisted' })
  @ApiResponse({ status: 422, type: ProblemDetails, description: 'RULE_VIOLATION: a bid not shortlisted, more than maxWinners' })
  award(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: AwardDto): Promise<ResultResponse> {
    return this.awards.award(actor, id, body);
  }

  @Get('result')
  @Public()
  @ApiOperation({ summary: 'The public result from the first award on: winners, end of publicity, open objections.' })
  @ApiResponse({ status: 200, type: ResultResponse })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE before the first award' })
  result(@UuidParam('id') id: string): Promise<ResultResponse> {
    return this.results.result(id);
  }

  @Post('objections')
  @ApiOperation({ summary: 'File a named objection during publicity, against the result or one awarded bid (anyone signed in).' })
  @ApiResponse({ status: 201, type: ObjectionResponse })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE outside publicity' })
  @ApiResponse({ status: 422, type: ProblemDetails, description: 'RULE_VIOLATION: bidId is not an awarded bid' })
  fileObjection(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: FileObjectionDto): Promise<ObjectionResponse> {
    return this.awards.fileObjection(actor, id, body);
  }
}

@ApiTags('award')
@ApiBearerAuth()
@Controller('api/v1/objections')
export class ObjectionsController {
  constructor(private readonly awards: AwardsService) {}

  @Get()
  @ApiOperation({ summary: 'Objections: all (admin), on your challenges (lead) and your own (everyone); the objector is named to admins only.' })
  @ApiResponse({ status: 200, type: ObjectionPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListObjectionsQueryDto): Promise<ObjectionPageResponse> {
    return this.awards.listObjections(actor, query);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Uphold (disqualify the bid, or revoke every award) or dismiss an objection (admin).' })
  @ApiResponse({ status: 200, type: ObjectionResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE: already resolved' })
  resolve(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ResolveObjectionDto): Promise<ObjectionResponse> {
    return this.awards.resolveObjection(actor, id, body);
  }
}
