import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { queuePrefix } from '@jiebang/queue';
import { bidBody, challengeBody, createAdmin, registerLead, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { approvedReviewer, waitForStatus } from '../support/lifecycle';
import { startStack, Stack } from '../support/stack';
import { TEST_REDIS_URL } from '../support/test-env';

/**
 * QUALITY.md "Security": job payloads in Redis carry ids, never bid content or prices. Bids (and an amendment)
 * carry a unique marker in every text field and distinctive prices; once the worker's relay has published their
 * jobs (and the deadline has driven close and reviewer assignment), every key under the stack's BullMQ prefix is
 * read — job hashes field by field, lists, sets, sorted sets, streams, strings — and nothing may hold the marker
 * or a price, and every job's data may only name ids. The outbox rows are checked the same way.
 */

const MARKER = `LEAK-${randomBytes(6).toString('hex')}`;
// 11 digits, so no timestamp or counter in Redis contains one by chance; the last is the amendment's
const PRICES = [98_765_432_109, 97_531_864_209, 96_420_864_213, 95_318_642_097];
const ID_KEYS = ['challengeId', 'bidId', 'revision', 'organizationId'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A bid whose every text field carries the marker. */
function markedBid(challenge: Json, price: number, n: number): Json {
  return bidBody(challenge, {
    summary: `${MARKER} 方案摘要 ${n}`,
    technicalApproach: `${MARKER} 技术路线：双闭环控制 ${n}`,
    priceYuan: price,
    kpiResponses: challenge.kpis.filter((k: Json) => k.mandatory).map((k: Json) => ({ kpiId: k.id, commitment: `${MARKER} 承诺 ${k.name}` })),
    milestones: [
      { title: `${MARKER} 样机`, dueDay: 90, paymentPercent: 40 },
      { title: `${MARKER} 验收`, dueDay: 180, paymentPercent: 60 },
    ],
    team: [{ name: `${MARKER} 陈博士`, role: `${MARKER} 技术负责人` }],
  });
}

/** Everything stored under a key, as strings (the key itself first), with the key's Redis type. */
async function contentsOf(redis: Redis, key: string): Promise<{ type: string; strings: string[]; hash?: Record<string, string> }> {
  const type = await redis.type(key);
  switch (type) {
    case 'hash': {
      const hash = await redis.hgetall(key);
      return { type, hash, strings: [key, ...Object.entries(hash).flat()] };
    }
    case 'string':
      return { type, strings: [key, (await redis.get(key)) ?? ''] };
    case 'list':
      return { type, strings: [key, ...(await redis.lrange(key, 0, -1))] };
    case 'set':
      return { type, strings: [key, ...(await redis.smembers(key))] };
    case 'zset':
      return { type, strings: [key, ...(await redis.zrange(key, 0, -1, 'WITHSCORES'))] };
    case 'stream': {
      const entries = await redis.xrange(key, '-', '+');
      return { type, strings: [key, ...entries.flatMap(([id, fields]) => [id, ...fields])] };
    }
    case 'none':
      return { type, strings: [] }; // removed between SCAN and read
    default:
      throw new Error(`unexpected Redis type ${type} at ${key}`);
  }
}

describe('job payloads carry ids only (large)', () => {
  let stack: Stack;
  let redis: Redis;
  let db: Client;
  let lead: TestUser, admin: TestUser;
  let smes: TestUser[];
  let closing: Json, open: Json;
  /** Every bid revision written: its assess-bid job must be in Redis. */
  const revisions: Array<{ bidId: string; revision: number }> = [];

  const cs = (u?: TestUser) => client(stack.challengeUrl, u?.token);
  const bs = (u?: TestUser) => client(stack.biddingUrl, u?.token);
  const prefix = () => queuePrefix(stack.config.queuePrefix);

  async function scanAll(): Promise<string[]> {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix()}:*`, count: 1000 })) keys.push(...(batch as string[]));
    return [...new Set(keys)];
  }

  beforeAll(async () => {
    stack = await startStack({ env: { LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'silent' } });
    redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
    await redis.connect();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    [lead, admin, ...smes] = await Promise.all([registerLead(stack), createAdmin(stack), registerSme(stack), registerSme(stack), registerSme(stack)]);
    await approvedReviewer(stack, admin, ['伺服控制']);
    // the profile text carries the marker too (its rematch job must not)
    expect((await bs(smes[0]).put('/api/v1/enterprise-profile', { description: `${MARKER} 企业简介`, capabilities: [`${MARKER} 伺服`] })).status).toBe(200);

    const publish = async (deadlineMs: number, overrides: Json = {}) => {
      const created = await cs(lead).post('/api/v1/challenges', challengeBody(deadlineMs, { review: { reviewersPerBid: 1, blind: true }, ...overrides }));
      expect(created.status).toBe(201);
      const published = await cs(lead).post(`/api/v1/challenges/${created.body.id}/publish`);
      expect(published.status).toBe(200);
      return published.body;
    };
    // one closes in a few seconds (close, reviewer assignment), one stays open (its close job stays delayed)
    [closing, open] = await Promise.all([publish(5_000), publish(3_600_000)]);
    for (const challenge of [closing, open]) {
      for (const [n, sme] of smes.entries()) {
        const bid = await bs(sme).post('/api/v1/bids', markedBid(challenge, PRICES[n], n));
        expect(bid.status).toBe(201);
        revisions.push({ bidId: bid.body.id, revision: 1 });
        if (n === 0) {
          const amended = await bs(sme).patch(`/api/v1/bids/${bid.body.id}`, { version: bid.body.version, summary: `${MARKER} 修订`, priceYuan: PRICES[3] });
          expect(amended.status).toBe(200);
          revisions.push({ bidId: bid.body.id, revision: 2 });
        }
      }
    }
    // The bids are stored with the marker and prices: what the scan must not find is really there to leak.
    const stored = await db.query(`SELECT count(*)::int AS n FROM bids WHERE summary LIKE $1 AND price_yuan = ANY($2)`, [`%${MARKER}%`, PRICES]);
    expect(stored.rows[0].n).toBeGreaterThanOrEqual(4);

    // Wait until the relay has published everything, every revision's job is in Redis and the close ran.
    await waitForStatus(stack, closing.id, 'reviewing', 30_000);
    await eventually(async () => {
      const pending = await db.query('SELECT count(*)::int AS n FROM outbox_messages WHERE sent_at IS NULL');
      if (pending.rows[0].n > 0) return undefined;
      const present = await Promise.all(revisions.map((r) => redis.exists(`${prefix()}:matching:assess-bid_${r.bidId}_${r.revision}`)));
      return present.every((n) => n === 1) ? true : undefined;
    }, 30_000);
  }, 90_000);
  afterAll(async () => {
    await redis?.quit();
    await db?.end();
    await stack?.close();
  });

  it('every job in Redis names ids only, and no key or value under the prefix holds bid text or a price', async () => {
    const keys = await scanAll();
    const jobs: Array<{ key: string; name: string; data: Json }> = [];
    const leaks: string[] = [];
    for (const key of keys) {
      const { type, strings, hash } = await contentsOf(redis, key);
      for (const s of strings) {
        if (s.includes(MARKER)) leaks.push(`${type} ${key}: the marker in ${s.slice(0, 200)}`);
        for (const price of PRICES) if (s.includes(String(price))) leaks.push(`${type} ${key}: a price in ${s.slice(0, 200)}`);
      }
      if (hash && 'data' in hash && 'name' in hash) jobs.push({ key, name: hash.name, data: JSON.parse(hash.data) });
    }
    expect(leaks).toEqual([]);

    // Not vacuous: every revision's assessment job and the transitions the deadline drove were read.
    const names = new Set(jobs.map((j) => j.name));
    for (const name of ['assess-bid', 'match-challenge', 'rematch-enterprise', 'close-bidding', 'assign-reviewers']) expect(names).toContain(name);
    const assessed = jobs.filter((j) => j.name === 'assess-bid').map((j) => `${j.data.bidId}#${j.data.revision}`);
    expect(assessed.sort()).toEqual(revisions.map((r) => `${r.bidId}#${r.revision}`).sort());

    for (const job of jobs) {
      expect({ key: job.key, type: typeof job.data, array: Array.isArray(job.data) }).toEqual({ key: job.key, type: 'object', array: false });
      for (const [field, value] of Object.entries<unknown>(job.data)) {
        expect({ key: job.key, field, allowed: ID_KEYS.includes(field) }).toEqual({ key: job.key, field, allowed: true });
        const ok = field === 'revision' ? Number.isInteger(value) : typeof value === 'string' && UUID.test(value);
        expect({ key: job.key, field, value, ok }).toEqual({ key: job.key, field, value, ok: true });
      }
    }
  });

  it('every outbox row names ids only, and none holds bid text or a price', async () => {
    const rows = (await db.query('SELECT id, job_name, job_key, payload, last_error FROM outbox_messages ORDER BY id')).rows;
    expect(rows.length).toBeGreaterThanOrEqual(revisions.length + 4);
    expect(rows.filter((r) => r.job_name === 'assess-bid')).toHaveLength(revisions.length);
    for (const row of rows) {
      const text = JSON.stringify(row);
      expect(text).not.toContain(MARKER);
      for (const price of PRICES) expect(text).not.toContain(String(price));
      expect(Object.keys(row.payload).filter((k) => !ID_KEYS.includes(k))).toEqual([]);
      for (const [field, value] of Object.entries<unknown>(row.payload)) {
        expect(field === 'revision' ? Number.isInteger(value) : typeof value === 'string' && UUID.test(value)).toBe(true);
      }
    }
  });
});
