import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Controller, HttpCode, Injectable, Post, Req } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Roles } from '@jiebang/auth';
import { TransactionHost } from '@jiebang/database';
import { ChallengesRepository, EnterpriseImporter, ValidationFailedError } from '@jiebang/domain';
import { ndjsonLines, ProblemDetails } from '@jiebang/platform';
import { Outbox } from '@jiebang/queue';

export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
export const NDJSON = 'application/x-ndjson';

/** Lets `application/x-ndjson` bodies through as a stream (not buffered; the 1 MiB JSON limit does not apply). */
export function acceptNdjsonStreams(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));
}

export class ImportFailureResponse {
  @ApiProperty({ description: 'Line number, counted from 1' }) line!: number;
  @ApiProperty({ type: [String] }) errors!: string[];
}

export class ImportResponse {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty({ type: [ImportFailureResponse] }) failed!: ImportFailureResponse[];
}

@Injectable()
export class EnterpriseImportService {
  constructor(
    private readonly importer: EnterpriseImporter,
    private readonly tx: TransactionHost,
    private readonly challenges: ChallengesRepository,
    private readonly outbox: Outbox,
  ) {}

  async import(body: unknown): Promise<ImportResponse> {
    if (!isReadable(body)) {
      throw new ValidationFailedError(`Send the enterprises as ${NDJSON}, one JSON object a line.`, [
        { field: 'content-type', message: `must be ${NDJSON}` },
      ]);
    }
    const summary = await this.importer.importLines(ndjsonLines(body, IMPORT_MAX_BYTES));
    if (summary.created + summary.updated > 0) await this.rematchOpenChallenges();
    return summary;
  }

  /** New enterprises may belong in the top matches of challenges already open: rank those again. */
  private async rematchOpenChallenges(): Promise<void> {
    const run = randomUUID();
    await this.tx.run(async () => {
      for (const challenge of await this.challenges.listOpenForBids()) {
        await this.outbox.enqueue('match-challenge', { challengeId: challenge.id }, { key: `${challenge.id}_import_${run}` });
      }
    });
  }
}

function isReadable(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function';
}

@ApiTags('enterprise import')
@ApiBearerAuth()
@Controller('api/v1/admin/enterprises')
export class EnterpriseImportController {
  constructor(private readonly imports: EnterpriseImportService) {}

  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Bulk import of enterprises (admin): NDJSON streamed, up to 200 MiB; externalId is the import key; bad lines fail alone.',
  })
  @ApiConsumes(NDJSON)
  @ApiBody({ schema: { type: 'string', example: '{"externalId":"sbir:ACME","name":"Acme"}\n' } })
  @ApiResponse({ status: 200, type: ImportResponse })
  @ApiResponse({ status: 413, type: ProblemDetails })
  import(@Req() request: FastifyRequest): Promise<ImportResponse> {
    return this.imports.import(request.body);
  }
}
