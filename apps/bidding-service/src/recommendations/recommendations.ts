import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@jiebang/auth';
import { Actor, ForbiddenError, MatchResultsRepository } from '@jiebang/domain';
import { PaginationQueryDto } from '@jiebang/platform';

export class RecommendationResponse {
  @ApiProperty({ format: 'uuid' }) challengeId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Combined score, 0–100' }) score!: number;
  @ApiProperty({ description: 'Rank among the challenges still open for bids' }) rank!: number;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ type: Object, additionalProperties: true, description: 'summary, matched terms and capabilities, best project, signals' })
  explanation!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) bidDeadline!: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The SME's live bid on this challenge, if any" }) bidId?: string;
}

export class RecommendationListResponse {
  @ApiProperty({ type: [RecommendationResponse] }) items!: RecommendationResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Opaque cursor of the next page (pass as `?cursor=`), null on the last page' })
  nextCursor!: string | null;
}

@Injectable()
export class RecommendationsService {
  constructor(private readonly results: MatchResultsRepository) {}

  async list(actor: Actor, limit: number, cursor?: string): Promise<RecommendationListResponse> {
    if (!actor.organizationId) throw new ForbiddenError('Only SME accounts get recommendations.');
    const page = await this.results.listOpenRecommendations(actor.organizationId, limit, cursor);
    return {
      items: page.items.map((r) => ({
        challengeId: r.challengeId,
        title: r.title,
        score: r.score,
        rank: r.rank,
        eligible: r.eligible,
        explanation: r.explanation,
        bidDeadline: new Date(r.bidDeadline).toISOString(),
        ...(r.bidId ? { bidId: r.bidId } : {}),
      })),
      nextCursor: page.nextCursor,
    };
  }
}

@ApiTags('matching')
@ApiBearerAuth()
@Controller('api/v1/recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get()
  @Roles('sme')
  @ApiOperation({
    summary: 'Challenges still open for bids, ranked for the caller’s organization, with reasons.',
    description: 'Best first, `limit` per page; `rank` is the position among all the open challenges, on every page.',
  })
  @ApiResponse({ status: 200, type: RecommendationListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: PaginationQueryDto): Promise<RecommendationListResponse> {
    return this.recommendations.list(actor, query.limit, query.cursor);
  }
}
