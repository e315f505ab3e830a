import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@jiebang/auth';
import { Actor, ChallengesRepository, MatchResultsRepository, NotFoundError } from '@jiebang/domain';
import { ProblemDetails, UuidParam } from '@jiebang/platform';

export class MatchResponse {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ description: 'Combined score, 0–100' }) score!: number;
  @ApiProperty() rank!: number;
  @ApiProperty({ description: 'Meets the hard eligibility rules' }) eligible!: boolean;
  @ApiProperty({
    type: Object, additionalProperties: true,
    description: 'summary, matchedTerms, matchedCapabilities, bestProject, signals (each contribution), method, reasons',
  })
  explanation!: Record<string, unknown>;
}

export class MatchListResponse {
  @ApiProperty({ type: [MatchResponse], description: 'The top 200, empty until the matching worker has ranked the challenge' })
  items!: MatchResponse[];
}

@Injectable()
export class MatchesService {
  constructor(
    private readonly challenges: ChallengesRepository,
    private readonly results: MatchResultsRepository,
  ) {}

  async list(actor: Actor, challengeId: string): Promise<MatchListResponse> {
    const challenge = await this.challenges.findVisible(challengeId, actor);
    if (!challenge || (actor.role !== 'admin' && challenge.organizationId !== actor.organizationId)) throw new NotFoundError('Challenge');
    const rows = await this.results.listMatches(challengeId);
    return {
      items: rows.map((m) => ({
        organizationId: m.organizationId,
        organizationName: m.organizationName,
        score: m.score,
        rank: m.rank,
        eligible: m.eligible,
        explanation: m.explanation,
      })),
    };
  }
}

@ApiTags('matching')
@ApiBearerAuth()
@Controller('api/v1/challenges/:id/matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Get()
  @Roles('lead', 'admin')
  @ApiOperation({ summary: 'The SMEs matched to a challenge, with explanations (owner, admin).' })
  @ApiResponse({ status: 200, type: MatchListResponse })
  @ApiResponse({ status: 404, type: ProblemDetails })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MatchListResponse> {
    return this.matches.list(actor, id);
  }
}
