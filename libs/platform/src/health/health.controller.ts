import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import Redis from 'ioredis';
import { Public } from '../http/public.decorator';
import { REDIS_CLIENT } from '../redis/redis.module';

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');
export interface HealthOptions {
  /** The worker cannot work without Redis; the API services stay ready and report it `degraded`. */
  redisRequired: boolean;
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers (no I/O).' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: 200 while Postgres answers (API services report Redis as `degraded`), 503 otherwise.',
  })
  ready() {
    return this.health.check([() => this.database.pingCheck('database').withTimeout(1500), () => this.redisCheck()]);
  }

  private async redisCheck() {
    const session = this.indicators.check('redis');
    try {
      const answer = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      return session.up({ answer });
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unreachable';
      return this.options.redisRequired ? session.down({ message }) : session.degraded({ message });
    }
  }
}
