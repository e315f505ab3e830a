/**
 * The baseline of the HTTP-overhead benchmark: a bare Fastify server with one `pg` pool answering
 * `GET /api/v1/challenges/:id` with exactly the SQL challenge-service runs for that route (ChallengesRepository.findVisible
 * for an anonymous viewer — the select list `EntityRows` derives from the entity — then addendaOf, then, only for an
 * opened challenge, openedBidCounts) as named prepared statements like the app's (`TransactionHost.prepared`), the
 * same pool settings (DataSource `extra`: max DB_POOL_SIZE, timeouts) and a response of the same shape
 * (toChallengeResponse). No Nest, validation pipe, guards, helmet, metrics, logging or
 * ORM hydration: what the app spends on top of this is its overhead.
 *
 *   DATABASE_URL=… PORT=… DB_POOL_SIZE=10 node -r ./bench/register.js bench/support/bare-challenge-server.ts
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

const CHALLENGE_SQL =
  'SELECT "c"."id" AS "id", "c"."organization_id" AS "organizationId", "c"."organization_name" AS "organizationName", ' +
  '"c"."created_by" AS "createdBy", "c"."status" AS "status", "c"."version" AS "version", "c"."title" AS "title", ' +
  '"c"."description" AS "description", "c"."industry" AS "industry", "c"."tags" AS "tags", "c"."kpis" AS "kpis", ' +
  '"c"."reward_yuan" AS "rewardYuan", "c"."eligibility" AS "eligibility", "c"."bid_deadline" AS "bidDeadline", ' +
  '"c"."max_winners" AS "maxWinners", "c"."shortlist_size" AS "shortlistSize", "c"."passing_score" AS "passingScore", ' +
  '"c"."scorecard" AS "scorecard", "c"."reviewers_per_bid" AS "reviewersPerBid", "c"."blind_review" AS "blindReview", ' +
  '"c"."published_at" AS "publishedAt", "c"."closed_at" AS "closedAt", "c"."cancelled_at" AS "cancelledAt", ' +
  '"c"."cancel_reason" AS "cancelReason", "c"."publicity_ends_at" AS "publicityEndsAt", "c"."awarded_at" AS "awardedAt", ' +
  '"c"."created_at" AS "createdAt", "c"."updated_at" AS "updatedAt" ' +
  `FROM challenges c WHERE c.id = $1 AND c.status <> 'draft'`;

const ADDENDA_SQL =
  'SELECT "a"."id" AS "id", "a"."challenge_id" AS "challengeId", "a"."text" AS "text", "a"."bid_deadline" AS "bidDeadline", ' +
  '"a"."created_at" AS "createdAt" FROM challenge_addenda a WHERE a.challenge_id = ANY($1) ORDER BY a.created_at ASC';

const BID_COUNT_SQL = `SELECT challenge_id, count(*) AS n FROM bids WHERE challenge_id = ANY($1) AND status <> 'withdrawn' GROUP BY challenge_id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Record<string, unknown>;
interface Kpi {
  id: string;
  name: string;
  target: string;
  unit: string;
  mandatory: boolean;
}
interface Criterion {
  key: string;
  name: string;
  weight: number;
  maxScore: number;
}

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : null);

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const pool = new Pool({
    connectionString: databaseUrl,
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    application_name: 'jiebang-bench-bare',
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });

  app.get('/health/ready', async () => {
    await pool.query('SELECT 1');
    return { status: 'ok' };
  });

  app.get<{ Params: { id: string } }>('/api/v1/challenges/:id', async (request, reply) => {
    const id = request.params.id.toLowerCase();
    if (!UUID.test(id)) return reply.code(400).send({ code: 'VALIDATION_FAILED' });
    const { rows } = await pool.query<Row>({ name: 'challenge', text: CHALLENGE_SQL, values: [id] });
    const c = rows[0];
    if (!c) return reply.code(404).send({ code: 'NOT_FOUND' });
    const opened = c.closedAt !== null;
    const [addenda, counts] = await Promise.all([
      pool.query<Row>({ name: 'addenda', text: ADDENDA_SQL, values: [[id]] }),
      opened ? pool.query<Row>({ name: 'bid_count', text: BID_COUNT_SQL, values: [[id]] }) : Promise.resolve(null),
    ]);
    const scorecard = c.scorecard as { criteria: Criterion[] };
    return {
      id: c.id,
      status: c.status,
      version: c.version,
      title: c.title,
      description: c.description,
      industry: c.industry,
      tags: c.tags,
      kpis: (c.kpis as Kpi[]).map((k) => ({ id: k.id, name: k.name, target: k.target, unit: k.unit, mandatory: k.mandatory })),
      rewardYuan: Number(c.rewardYuan),
      eligibility: c.eligibility,
      bidDeadline: iso(c.bidDeadline),
      maxWinners: c.maxWinners,
      shortlistSize: c.shortlistSize,
      passingScore: c.passingScore,
      scorecard: { criteria: scorecard.criteria.map((k) => ({ key: k.key, name: k.name, weight: k.weight, maxScore: k.maxScore })) },
      review: { reviewersPerBid: c.reviewersPerBid, blind: c.blindReview },
      organizationId: c.organizationId,
      organizationName: c.organizationName,
      publishedAt: iso(c.publishedAt),
      closedAt: iso(c.closedAt),
      bidCount: opened ? Number(counts?.rows[0]?.n ?? 0) : null,
      addenda: addenda.rows.map((a) => ({ id: a.id, text: a.text, bidDeadline: iso(a.bidDeadline), createdAt: iso(a.createdAt) })),
      cancelReason: c.cancelReason,
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
    };
  });

  const close = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
  await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
