import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config';

const STRONG_SECRET = 'a-production-secret-that-is-long-enough-0123456789';

/** The problems a configuration is refused with (fails the test when it is accepted). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the values documented in API.md', () => {
    const config = loadConfig({});

    expect(config.ports).toEqual({ challenge: 3001, bidding: 3002, worker: 3003 });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/jiebang');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.queuePrefix).toBe('jiebang');
    expect(config.minBidWindowSeconds).toBe(0);
    expect(config.publicityPeriodSeconds).toBe(432000);
    expect(config.reviewerMaxLoad).toBe(10);
    expect(config.authRateLimitPerMinute).toBe(20);
    expect(config.calibrationMinReviews).toBe(8);
    expect(config.matchNotifyTop).toBe(20);
    expect(config.adminEmail).toBeNull();
    expect(config.adminPassword).toBeNull();
    expect(config.nodeEnv).toBe('development');
    expect(config.jwt.secret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(config.passwordHashProfile).toBe('standard');
    expect(config.corsOrigins).toEqual(['http://localhost:3001', 'http://127.0.0.1:3001', 'http://localhost:5173']);
    expect(config.portal).toEqual({ dir: 'dist/web-portal', biddingUrl: null, workerUrl: null });
  });

  it('allows the portal origin at CHALLENGE_PORT by default, the Vite dev server outside production only, or nothing', () => {
    expect(loadConfig({ CHALLENGE_PORT: '8080', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).corsOrigins).toEqual([
      'http://localhost:8080',
      'http://127.0.0.1:8080',
    ]);
    expect(loadConfig({ CORS_ORIGINS: 'none' }).corsOrigins).toEqual([]);
  });

  it('reads the portal settings and refuses a portal URL that is not http(s)', () => {
    expect(
      loadConfig({ PORTAL_DIR: 'off', PORTAL_BIDDING_URL: 'https://bids.example/', PORTAL_WORKER_URL: 'https://ops.example' }).portal,
    ).toEqual({ dir: null, biddingUrl: 'https://bids.example', workerUrl: 'https://ops.example' });
    expect(problemsOf({ PORTAL_BIDDING_URL: 'ftp://x' })).toEqual([expect.stringContaining('PORTAL_BIDDING_URL')]);
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://app@db:5432/jb',
      REDIS_URL: 'rediss://cache:6380',
      QUEUE_PREFIX: 'stack-b',
      CHALLENGE_PORT: '4001',
      BIDDING_PORT: '4002',
      WORKER_PORT: '4003',
      ADMIN_EMAIL: 'Admin@Example.com',
      ADMIN_PASSWORD: 'correct-horse-battery',
      MIN_BID_WINDOW_SECONDS: '3600',
      PUBLICITY_PERIOD_SECONDS: '60',
      REVIEWER_MAX_LOAD: '3',
      AUTH_RATE_LIMIT_PER_MINUTE: '5',
      CALIBRATION_MIN_REVIEWS: '2',
      MATCH_NOTIFY_TOP: '0',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });

    expect(config).toMatchObject({
      databaseUrl: 'postgresql://app@db:5432/jb',
      redisUrl: 'rediss://cache:6380',
      queuePrefix: 'stack-b',
      ports: { challenge: 4001, bidding: 4002, worker: 4003 },
      adminEmail: 'admin@example.com',
      adminPassword: 'correct-horse-battery',
      minBidWindowSeconds: 3600,
      publicityPeriodSeconds: 60,
      reviewerMaxLoad: 3,
      authRateLimitPerMinute: 5,
      calibrationMinReviews: 2,
      matchNotifyTop: 0,
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('treats empty and blank variables as unset', () => {
    const config = loadConfig({ CHALLENGE_PORT: '', QUEUE_PREFIX: '   ', JWT_SECRET: ' ' });

    expect(config.ports.challenge).toBe(3001);
    expect(config.queuePrefix).toBe('jiebang');
  });

  it('lists every bad variable at once', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      CHALLENGE_PORT: 'abc',
      BIDDING_PORT: '70000',
      REDIS_URL: 'http://127.0.0.1:6379',
      DATABASE_URL: 'not a url',
      MIN_BID_WINDOW_SECONDS: '-1',
      REVIEWER_MAX_LOAD: '1.5',
      QUEUE_PREFIX: 'has spaces',
      ADMIN_EMAIL: 'admin@example.com',
    });

    for (const name of [
      'NODE_ENV',
      'CHALLENGE_PORT',
      'BIDDING_PORT',
      'REDIS_URL',
      'DATABASE_URL',
      'MIN_BID_WINDOW_SECONDS',
      'REVIEWER_MAX_LOAD',
      'QUEUE_PREFIX',
      'ADMIN_PASSWORD',
    ]) {
      expect(problems.some((p) => p.includes(name))).toBe(true);
    }
    expect(problems).toHaveLength(9);
  });

  it('puts every problem in the error message', () => {
    let message = '';
    try {
      loadConfig({ WORKER_PORT: 'x', MATCH_NOTIFY_TOP: '-5' });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('WORKER_PORT');
    expect(message).toContain('MATCH_NOTIFY_TOP');
  });

  describe('in production', () => {
    it('refuses the development JWT secret, whether defaulted or set explicitly', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('JWT_SECRET')]);
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toEqual([
        expect.stringContaining('JWT_SECRET'),
      ]);
    });

    it('refuses the fast password-hash profile', () => {
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, PASSWORD_HASH_PROFILE: 'fast' })).toEqual([
        expect.stringContaining('PASSWORD_HASH_PROFILE'),
      ]);
    });

    it('starts with a real secret and the standard profile', () => {
      const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET });

      expect(config.nodeEnv).toBe('production');
      expect(config.passwordHashProfile).toBe('standard');
    });
  });

  it('allows the fast password-hash profile outside production', () => {
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_PROFILE: 'fast' }).passwordHashProfile).toBe('fast');
  });

  it('refuses a JWT secret shorter than 32 characters', () => {
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual([expect.stringContaining('JWT_SECRET')]);
  });

  it('refuses "*" among the CORS origins', () => {
    expect(problemsOf({ CORS_ORIGINS: '*' })).toEqual([expect.stringContaining('CORS_ORIGINS')]);
    expect(problemsOf({ CORS_ORIGINS: 'https://a.example,*' })).toEqual([expect.stringContaining('CORS_ORIGINS')]);
  });

  it('refuses ADMIN_EMAIL and ADMIN_PASSWORD unless set together and well-formed', () => {
    expect(problemsOf({ ADMIN_PASSWORD: 'long-enough-password' })).toEqual([expect.stringContaining('together')]);
    expect(problemsOf({ ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'short' })).toEqual([
      expect.stringContaining('ADMIN_PASSWORD'),
    ]);
    expect(problemsOf({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long-enough-password' })).toEqual([
      expect.stringContaining('ADMIN_EMAIL'),
    ]);
  });
});
