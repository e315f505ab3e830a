import { Body, Controller, Get, HttpCode, Injectable, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CurrentActor, Roles } from '@jiebang/auth';
import { TransactionHost } from '@jiebang/database';
import { Actor, ChallengesRepository, Clock, ForbiddenError, InvalidStateError, NotFoundError, Question, QuestionsRepository } from '@jiebang/domain';
import { PaginationQueryDto, ProblemDetails, UuidParam } from '@jiebang/platform';

export class AskQuestionDto {
  @ApiProperty() @IsString() @Length(1, 2000) text!: string;
}

export class AnswerQuestionDto {
  @ApiProperty() @IsString() @Length(1, 5000) text!: string;
}

/** A question as anyone may read it: never who asked; `mine` tells the asker it is theirs. */
export class QuestionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: "The caller's organization asked it" }) mine!: boolean;
}

export class QuestionListResponse {
  @ApiProperty({ type: [QuestionResponse] }) items!: QuestionResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

function toQuestionResponse(q: Question, viewer: Actor): QuestionResponse {
  const mine = q.askedBy === viewer.userId || (viewer.organizationId !== null && q.askerOrganizationId === viewer.organizationId);
  return {
    id: q.id,
    text: q.text,
    answer: q.answer,
    answeredAt: q.answeredAt?.toISOString() ?? null,
    createdAt: q.createdAt.toISOString(),
    mine,
  };
}

@Injectable()
export class QuestionsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly challenges: ChallengesRepository,
    private readonly questions: QuestionsRepository,
    private readonly clock: Clock,
  ) {}

  async ask(actor: Actor, challengeId: string, dto: AskQuestionDto): Promise<QuestionResponse> {
    const challenge = await this.challenges.findVisible(challengeId, actor);
    if (!challenge) throw new NotFoundError('Challenge');
    if (challenge.status !== 'published') throw new InvalidStateError(`Questions are taken while bidding is open; the challenge is ${challenge.status}.`);
    const question = Question.ask(challengeId, { userId: actor.userId, organizationId: actor.organizationId }, dto.text, this.clock.now());
    await this.questions.insert(question);
    return toQuestionResponse(question, actor);
  }

  async list(actor: Actor, challengeId: string, page: { limit: number; cursor?: string }): Promise<QuestionListResponse> {
    const challenge = await this.challenges.findVisible(challengeId, actor);
    if (!challenge) throw new NotFoundError('Challenge');
    const all = actor.role === 'admin' || challenge.organizationId === actor.organizationId;
    const found = await this.questions.listVisible(challengeId, { all, askerOrganizationId: actor.organizationId, askerUserId: actor.userId }, page);
    return { items: found.items.map((q) => toQuestionResponse(q, actor)), nextCursor: found.nextCursor };
  }

  /** The owner answers (again, to correct it); answers are public to signed-in users and never name the asker. */
  async answer(actor: Actor, challengeId: string, questionId: string, dto: AnswerQuestionDto): Promise<QuestionResponse> {
    return this.tx.run(async () => {
      const challenge = await this.challenges.findVisibleForUpdate(challengeId, actor);
      if (!challenge) throw new NotFoundError('Challenge');
      if (challenge.organizationId !== actor.organizationId) throw new ForbiddenError('Only the challenge owner answers questions.');
      const question = await this.questions.findOnChallenge(challengeId, questionId);
      if (!question) throw new NotFoundError('Question');
      question.answerWith(dto.text, this.clock.now());
      await this.questions.save(question);
      return toQuestionResponse(question, actor);
    });
  }
}

@ApiTags('questions')
@ApiBearerAuth()
@ApiResponse({ status: 404, type: ProblemDetails })
@Controller('api/v1/challenges/:id/questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Post()
  @Roles('sme')
  @ApiOperation({ summary: 'Ask a question on a published challenge (SME); the asker is never revealed.' })
  @ApiResponse({ status: 201, type: QuestionResponse })
  ask(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: AskQuestionDto): Promise<QuestionResponse> {
    return this.questions.ask(actor, id, body);
  }

  @Get()
  @ApiOperation({
    summary: 'Answered questions (the owner sees all; an SME also its own unanswered ones).',
    description: 'Oldest first, `limit` per page (`?cursor=` from the previous page).',
  })
  @ApiResponse({ status: 200, type: QuestionListResponse })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PaginationQueryDto): Promise<QuestionListResponse> {
    return this.questions.list(actor, id, { limit: query.limit, cursor: query.cursor });
  }

  @Post(':qid/answer')
  @Roles('lead')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a question (owner).' })
  @ApiResponse({ status: 200, type: QuestionResponse })
  answer(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('qid') qid: string,
    @Body() body: AnswerQuestionDto,
  ): Promise<QuestionResponse> {
    return this.questions.answer(actor, id, qid, body);
  }
}
