import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from './config/app-config';
import { PlatformConfigModule } from './config/config.module';
import { ProblemFilter } from './errors/problem.filter';
import { HEALTH_OPTIONS, HealthController } from './health/health.controller';
import { MetricsController, MetricsService } from './metrics/metrics';
import { RedisModule } from './redis/redis.module';
import { traceIdOf } from './bootstrap/trace-id';

export interface PlatformOptions {
  config: AppConfig;
  /** Name in logs and metrics, e.g. `challenge-service`. */
  serviceName: string;
  /** Readiness fails without Redis (worker) or reports it `degraded` (API services). */
  redisRequired: boolean;
}

/**
 * What every service shares: configuration, structured logs with the request's trace id, problem+json errors,
 * Redis for the request path, health and metrics endpoints.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config, serviceName } = options;
    return {
      module: PlatformModule,
      global: true,
      imports: [
        PlatformConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            name: serviceName,
            level: config.logLevel,
            genReqId: (req: IncomingMessage) => traceIdOf(req),
            customProps: (req: IncomingMessage) => ({ traceId: traceIdOf(req) }),
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
            autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
            quietReqLogger: true,
          },
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        RedisModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: HEALTH_OPTIONS, useValue: { redisRequired: options.redisRequired } },
        MetricsService,
      ],
      exports: [MetricsService],
    };
  }
}
