import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@jiebang/auth';
import { Actor } from '@jiebang/domain';
import { ProblemDetails, UuidParam } from '@jiebang/platform';
import {
  AssignmentDetailResponse,
  AssignmentPageResponse,
  AssignmentResponse,
  DeclineAssignmentDto,
  ListAssignmentsQueryDto,
  ListReviewersQueryDto,
  ReviewerPageResponse,
  ReviewerResponse,
  ReviewResponse,
  WriteReviewDto,
} from './review.dto';
import { ReviewersService } from './reviewers.service';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ProblemDetails, description: 'UNAUTHENTICATED' })
@ApiResponse({ status: 403, type: ProblemDetails, description: 'FORBIDDEN (role)' })
@Controller('api/v1/reviews/assignments')
export class ReviewAssignmentsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'Review assignments: a reviewer’s own, or everyone’s (admin); newest first.' })
  @ApiResponse({ status: 200, type: AssignmentPageResponse })
  list(@CurrentActor() actor: Actor, @Query() query: ListAssignmentsQueryDto): Promise<AssignmentPageResponse> {
    return this.reviews.list(actor, query);
  }

  @Get(':id')
  @Roles('reviewer', 'admin')
  @ApiOperation({ summary: 'One assignment with the challenge, scorecard, bid (blind review: no bidder identity) and your review.' })
  @ApiResponse({ status: 200, type: AssignmentDetailResponse })
  @ApiResponse({ status: 404, type: ProblemDetails, description: 'not yours' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AssignmentDetailResponse> {
    return this.reviews.get(actor, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'Decline an open assignment (conflict of interest or unavailable); a replacement is assigned automatically.' })
  @ApiResponse({ status: 200, type: AssignmentResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE: already submitted or declined, or not reviewing' })
  decline(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: DeclineAssignmentDto): Promise<AssignmentResponse> {
    return this.reviews.decline(actor, id, body);
  }

  @Put(':id/review')
  @Roles('reviewer')
  @ApiOperation({ summary: 'Save a draft review, or submit it (final). Scores within 0..maxScore; every criterion to submit.' })
  @ApiResponse({ status: 200, type: ReviewResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE: submitted reviews are final; only while reviewing' })
  @ApiResponse({ status: 422, type: ProblemDetails, description: 'RULE_VIOLATION: a score out of range, an unknown criterion, a missing one on submit' })
  write(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: WriteReviewDto): Promise<ReviewResponse> {
    return this.reviews.write(actor, id, body);
  }
}

@ApiTags('reviewers')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ProblemDetails, description: 'UNAUTHENTICATED' })
@ApiResponse({ status: 403, type: ProblemDetails, description: 'FORBIDDEN: admins only' })
@Controller('api/v1/reviewers')
export class ReviewersController {
  constructor(private readonly reviewers: ReviewersService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The reviewer pool with each reviewer’s status and open assignments (admin).' })
  @ApiResponse({ status: 200, type: ReviewerPageResponse })
  list(@Query() query: ListReviewersQueryDto): Promise<ReviewerPageResponse> {
    return this.reviewers.list(query);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Approve a pending (or re-approve a suspended) reviewer: they join the assignment pool.' })
  @ApiResponse({ status: 200, type: ReviewerResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE: already approved' })
  approve(@UuidParam('id') id: string): Promise<ReviewerResponse> {
    return this.reviewers.approve(id);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Suspend a reviewer; their open assignments are reassigned automatically.' })
  @ApiResponse({ status: 200, type: ReviewerResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  @ApiResponse({ status: 409, type: ProblemDetails, description: 'INVALID_STATE: already suspended' })
  suspend(@UuidParam('id') id: string): Promise<ReviewerResponse> {
    return this.reviewers.suspend(id);
  }
}
