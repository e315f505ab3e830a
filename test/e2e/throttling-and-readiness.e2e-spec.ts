import { appUrl, createHttpApp } from '@jiebang/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChallengeServiceModule } from '../../apps/challenge-service/src/challenge-service.module';
import { registerSme, TestUser } from '../support/actors';
import { client } from '../support/http';
import { startStack, Stack } from '../support/stack';
import { createTestDatabase, dropTestDatabase } from '../support/test-database';
import { testConfig } from '../support/test-config';

describe('login throttling across instances, and Redis outages on the request path (large)', () => {
  let stack: Stack;
  let second: NestFastifyApplication;
  let secondUrl: string;
  let sme: TestUser;
  const LIMIT = 3;

  beforeAll(async () => {
    stack = await startStack({ worker: false, env: { AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' } });
    // A second instance of the same service with the same configuration (shared Redis counters).
    second = await createHttpApp(ChallengeServiceModule.forRoot(stack.config), { config: stack.config, port: 0 });
    secondUrl = appUrl(second);
    sme = await registerSme(stack);
  });
  afterAll(async () => {
    await second?.close();
    await stack?.close();
  });

  const login = (url: string, email: string, ip: string) =>
    client(url).post('/api/v1/auth/login', { email, password: 'wrong-password-x' }, { headers: { 'x-forwarded-for': ip } });

  it('limits attempts per account across both instances, from any IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i += 1) {
      statuses.push((await login(i % 2 ? secondUrl : stack.challengeUrl, sme.email, `10.1.0.${i + 1}`)).status);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    const limited = await login(stack.challengeUrl, sme.email, '10.1.0.99');
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
  });

  it('limits attempts per IP across both instances, whatever the account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i += 1) {
      statuses.push((await login(i % 2 ? secondUrl : stack.challengeUrl, `nobody-${i}@example.com`, '10.2.0.7')).status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
    expect((await login(secondUrl, 'someone-else@example.com', '10.2.0.8')).status).toBe(401);
  });

  it('answers 503 fast when Redis is unreachable, stays ready, and keeps serving what does not need Redis', async () => {
    const databaseUrl = await createTestDatabase();
    const config = testConfig(databaseUrl, { REDIS_URL: 'redis://127.0.0.1:1' });
    const app = await createHttpApp(ChallengeServiceModule.forRoot(config), { config, port: 0 });
    try {
      const url = appUrl(app);
      const started = Date.now();
      const attempt = await client(url).post('/api/v1/auth/login', { email: 'a@example.com', password: 'whatever-password' });
      expect(attempt.status).toBe(503);
      expect(attempt.body.code).toBe('UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(3000);
      const ready = await client(url).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.details.redis.status).toBe('degraded');
      expect(ready.body.details.database.status).toBe('up');
      expect((await client(url).get('/api/v1/challenges')).status).toBe(200);
    } finally {
      await app.close();
      await dropTestDatabase(databaseUrl);
    }
  });
});
