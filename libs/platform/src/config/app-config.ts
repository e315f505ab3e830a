/**
 * Typed configuration. `loadConfig` is the only code that reads `process.env` (ARCHITECTURE.md habit 6):
 * it validates every variable at once and throws a `ConfigError` listing each bad one.
 */
export type NodeEnv = 'development' | 'production' | 'test';
export type PasswordHashProfile = 'standard' | 'fast';

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  databaseUrl: string;
  dbPoolSize: number;
  redisUrl: string;
  queuePrefix: string;
  ports: { challenge: number; bidding: number; worker: number };
  adminEmail: string | null;
  adminPassword: string | null;
  minBidWindowSeconds: number;
  publicityPeriodSeconds: number;
  reviewerMaxLoad: number;
  authRateLimitPerMinute: number;
  calibrationMinReviews: number;
  matchNotifyTop: number;
  jwt: { secret: string; issuer: string; audience: string; expiresInSeconds: number };
  passwordHashProfile: PasswordHashProfile;
  logLevel: string;
  outboxPollMs: number;
  reconcileIntervalMs: number;
  /** BullMQ job settings (the worker's queues). */
  jobs: {
    /** Attempts of a failing job before it is kept as failed. */
    attempts: number;
    /** First retry delay; it doubles on every further attempt. */
    backoffMs: number;
    /** How long a worker's lock on an active job lasts (renewed while it runs); a dead worker's jobs go back after it. */
    lockMs: number;
  };
  /** On SIGTERM/SIGINT: how long to finish in-flight requests and jobs before exiting anyway. */
  shutdownGraceMs: number;
  /** After Redis lost its data: outbox messages sent within this many hours (or still due) are published again. */
  outboxReplayHours: number;
  corsOrigins: string[];
  /** The web portal served by challenge-service (apps/web-portal, built by `npm run build`). */
  portal: {
    /** Directory of the built portal; `null` (PORTAL_DIR=off) serves no portal. */
    dir: string | null;
    /** Base URL browsers use to reach bidding-service; `null`: the portal's own host name at BIDDING_PORT. */
    biddingUrl: string | null;
    /** Base URL of the queue dashboard the admin pages link to; `null`: the portal's host name at WORKER_PORT. */
    workerUrl: string | null;
  };
  /** Fastify `trustProxy`: false, true, or trusted proxy addresses/CIDRs (comma-separated). */
  trustProxy: boolean | string;
}

export const DEVELOPMENT_JWT_SECRET = 'jiebang-development-secret-do-not-use-in-production';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads one variable at a time, collecting problems instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optional(name: string): string | null {
    return this.raw(name) ?? null;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const value = this.string(name, fallback);
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL (got "${parsed.protocol}")`);
      }
    } catch {
      this.problems.push(`${name} must be a URL like ${fallback}`);
    }
    return value;
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf<NodeEnv>('NODE_ENV', 'development', ['development', 'production', 'test']);
  const port = (name: string, fallback: number) => r.int(name, fallback, 0, 65535);

  const jwtSecret = r.string('JWT_SECRET', DEVELOPMENT_JWT_SECRET);
  if (nodeEnv === 'production' && jwtSecret === DEVELOPMENT_JWT_SECRET) {
    r.problems.push('JWT_SECRET must be set in production (the development default is refused)');
  }
  if (jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters');

  const passwordHashProfile = r.oneOf<PasswordHashProfile>('PASSWORD_HASH_PROFILE', 'standard', ['standard', 'fast']);
  if (nodeEnv === 'production' && passwordHashProfile !== 'standard') {
    r.problems.push('PASSWORD_HASH_PROFILE=fast is for tests only and refused in production');
  }

  const adminEmail = r.optional('ADMIN_EMAIL');
  const adminPassword = r.optional('ADMIN_PASSWORD');
  if ((adminEmail === null) !== (adminPassword === null)) {
    r.problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminPassword !== null && (adminPassword.length < 10 || adminPassword.length > 128)) {
    r.problems.push('ADMIN_PASSWORD must be 10–128 characters');
  }
  if (adminEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) {
    r.problems.push('ADMIN_EMAIL must be an email address');
  }

  const queuePrefix = r.string('QUEUE_PREFIX', 'jiebang');
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(queuePrefix)) {
    r.problems.push('QUEUE_PREFIX must be 1–40 letters, digits, "-" or "_"');
  }

  const portalDir = r.string('PORTAL_DIR', 'dist/web-portal');
  const challengePort = port('CHALLENGE_PORT', 3001);

  const config: AppConfig = {
    nodeEnv,
    host: r.string('HOST', '127.0.0.1'),
    databaseUrl: r.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/jiebang', ['postgres:', 'postgresql:']),
    dbPoolSize: r.int('DB_POOL_SIZE', 10, 1, 200),
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queuePrefix,
    ports: {
      challenge: challengePort,
      bidding: port('BIDDING_PORT', 3002),
      worker: port('WORKER_PORT', 3003),
    },
    adminEmail: adminEmail?.toLowerCase() ?? null,
    adminPassword,
    minBidWindowSeconds: r.int('MIN_BID_WINDOW_SECONDS', 0, 0, 365 * 86400),
    publicityPeriodSeconds: r.int('PUBLICITY_PERIOD_SECONDS', 432000, 1, 365 * 86400),
    reviewerMaxLoad: r.int('REVIEWER_MAX_LOAD', 10, 1, 1000),
    authRateLimitPerMinute: r.int('AUTH_RATE_LIMIT_PER_MINUTE', 20, 1, 1_000_000),
    calibrationMinReviews: r.int('CALIBRATION_MIN_REVIEWS', 8, 1, 10_000),
    matchNotifyTop: r.int('MATCH_NOTIFY_TOP', 20, 0, 200),
    jwt: {
      secret: jwtSecret,
      issuer: r.string('JWT_ISSUER', 'jiebang'),
      audience: r.string('JWT_AUDIENCE', 'jiebang-api'),
      expiresInSeconds: r.int('JWT_EXPIRES_IN_SECONDS', 3600, 60, 7 * 86400),
    },
    passwordHashProfile,
    logLevel: r.oneOf('LOG_LEVEL', 'info', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    outboxPollMs: r.int('OUTBOX_POLL_MS', 500, 10, 60_000),
    reconcileIntervalMs: r.int('RECONCILE_INTERVAL_MS', 5000, 100, 600_000),
    jobs: {
      attempts: r.int('JOB_ATTEMPTS', 8, 1, 100),
      backoffMs: r.int('JOB_BACKOFF_MS', 1000, 10, 600_000),
      lockMs: r.int('JOB_LOCK_MS', 30_000, 1000, 600_000),
    },
    shutdownGraceMs: r.int('SHUTDOWN_GRACE_MS', 25_000, 1000, 600_000),
    outboxReplayHours: r.int('OUTBOX_REPLAY_HOURS', 24, 1, 24 * 365),
    corsOrigins: [],
    portal: {
      dir: portalDir === 'off' ? null : portalDir,
      biddingUrl: r.raw('PORTAL_BIDDING_URL') === undefined ? null : withoutTrailingSlash(r.url('PORTAL_BIDDING_URL', '', ['http:', 'https:'])),
      workerUrl: r.raw('PORTAL_WORKER_URL') === undefined ? null : withoutTrailingSlash(r.url('PORTAL_WORKER_URL', '', ['http:', 'https:'])),
    },
    trustProxy: parseTrustProxy(r.raw('TRUST_PROXY')),
  };
  config.corsOrigins = corsOrigins(r.raw('CORS_ORIGINS'), challengePort, nodeEnv);
  for (const origin of config.corsOrigins) {
    if (origin === '*') r.problems.push('CORS_ORIGINS must list origins; "*" is not allowed');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/**
 * `CORS_ORIGINS`: the browser origins allowed to call the APIs, never `*`. Unset, it is the portal's own origin as
 * `npm start` prints it (`http://localhost:CHALLENGE_PORT` and `http://127.0.0.1:CHALLENGE_PORT`, so the portal
 * served by challenge-service can call bidding-service), plus the Vite dev server (`http://localhost:5173`)
 * outside production. `CORS_ORIGINS=none` allows no cross-origin browser calls at all.
 */
function corsOrigins(value: string | undefined, challengePort: number, nodeEnv: NodeEnv): string[] {
  if (value === 'none') return [];
  if (value === undefined) {
    const own = [`http://localhost:${challengePort}`, `http://127.0.0.1:${challengePort}`];
    return nodeEnv === 'production' ? own : [...own, 'http://localhost:5173'];
  }
  return value
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** `TRUST_PROXY`: unset/false (default: X-Forwarded-For is ignored, so clients cannot pick their own IP), true,
 * or a comma-separated list of proxy addresses/CIDRs. */
function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return value;
}
