import { Body, Controller, Get, HttpCode, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@jiebang/auth';
import { Actor } from '@jiebang/domain';
import { Idempotent, IdempotencyInterceptor, ProblemDetails, UuidParam } from '@jiebang/platform';
import { AmendBidDto, BidPageResponse, BidResponse, ListBidsQueryDto, SubmitBidDto } from './bid.dto';
import { AssessmentResponse } from './assessment.response';
import { BidsService } from './bids.service';

@ApiTags('bids')
@ApiBearerAuth()
@ApiResponse({ status: 400, type: ProblemDetails, description: 'VALIDATION_FAILED' })
@ApiResponse({ status: 401, type: ProblemDetails })
@Controller('api/v1/bids')
export class BidsController {
  constructor(private readonly bids: BidsService) {}

  @Post()
  @Roles('sme')
  @Idempotent('bids')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Submit a sealed bid (SME); one live bid per organization and challenge.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replays the first response for 24 h' })
  @ApiResponse({ status: 201, type: BidResponse })
  @ApiResponse({ status: 404, type: ProblemDetails, description: 'Challenge not published' })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'BID_EXISTS or IDEMPOTENCY_IN_PROGRESS' })
  @ApiResponse({ status: 422, type: ProblemDetails, description: 'BIDDING_CLOSED, NOT_ELIGIBLE, RULE_VIOLATION, IDEMPOTENCY_KEY_REUSED' })
  submit(@CurrentActor() actor: Actor, @Body() body: SubmitBidDto): Promise<BidResponse> {
    return this.bids.submit(actor, body);
  }

  @Get()
  @Roles('sme', 'lead', 'admin')
  @ApiOperation({ summary: 'SME: own bids. Lead (own challenge) and admin: live bids once opened (403 BIDS_SEALED before).' })
  @ApiResponse({ status: 200, type: BidPageResponse })
  @ApiResponse({ status: 403, type: ProblemDetails, description: 'BIDS_SEALED or FORBIDDEN' })
  list(@CurrentActor() actor: Actor, @Query() query: ListBidsQueryDto): Promise<BidPageResponse> {
    return this.bids.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A bid: its SME always; the lead and admins once opened (last revision of live bids).' })
  @ApiResponse({ status: 200, type: BidResponse })
  @ApiResponse({ status: 403, type: ProblemDetails, description: 'BIDS_SEALED' })
  @ApiResponse({ status: 404, type: ProblemDetails })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<BidResponse> {
    return this.bids.get(actor, id);
  }

  @Get(':id/assessment')
  @ApiOperation({ summary: "The worker's advisory assessment of the current revision (same readers as the bid)." })
  @ApiResponse({ status: 200, type: AssessmentResponse })
  @ApiResponse({ status: 403, type: ProblemDetails, description: 'BIDS_SEALED' })
  @ApiResponse({ status: 404, type: ProblemDetails })
  assessment(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AssessmentResponse> {
    return this.bids.assessment(actor, id);
  }

  @Patch(':id')
  @Roles('sme')
  @ApiOperation({ summary: 'Amend a bid before the deadline (new revision; earlier ones are kept sealed).' })
  @ApiResponse({ status: 200, type: BidResponse })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'VERSION_CONFLICT or INVALID_STATE' })
  @ApiResponse({ status: 422, type: ProblemDetails, description: 'BIDDING_CLOSED or RULE_VIOLATION' })
  amend(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: AmendBidDto): Promise<BidResponse> {
    return this.bids.amend(actor, id, body);
  }

  @Post(':id/withdraw')
  @Roles('sme')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a bid before the deadline; the SME may bid again.' })
  @ApiResponse({ status: 200, type: BidResponse })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE' })
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<BidResponse> {
    return this.bids.withdraw(actor, id);
  }
}
