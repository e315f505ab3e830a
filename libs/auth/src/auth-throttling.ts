import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@jiebang/platform';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const MINUTE_MS = 60_000;

function accountOf(req: FastifyRequest): string {
  const body = req.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? `email:${body.email.trim().toLowerCase()}` : `ip:${req.ip}`;
}

/**
 * Login and registration limits: `AUTH_RATE_LIMIT_PER_MINUTE` per IP and per account (email), counted in Redis
 * so every instance shares them. Apply with `@UseGuards(ThrottlerGuard)` on the routes concerned.
 */
@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
class ThrottlerStorageModule {}

export const AuthThrottlingModule = ThrottlerModule.forRootAsync({
  imports: [ThrottlerStorageModule],
  inject: [APP_CONFIG, RedisThrottlerStorage],
  useFactory: (config: AppConfig, storage: RedisThrottlerStorage) => ({
    storage,
    errorMessage: 'Too many attempts; try again later.',
    throttlers: [
      { name: 'ip', ttl: MINUTE_MS, limit: config.authRateLimitPerMinute, getTracker: (req) => (req as FastifyRequest).ip },
      { name: 'account', ttl: MINUTE_MS, limit: config.authRateLimitPerMinute, getTracker: (req) => accountOf(req as FastifyRequest) },
    ],
  }),
});
