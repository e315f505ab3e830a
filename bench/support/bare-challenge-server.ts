/**
 * The baseline of the HTTP-overhead benchmark: a bare Fastify server with one `pg` pool answering
 * `GET /api/v1/challenges/:id` with exactly the SQL challenge-service runs for that route (captured from the app's
 * pg client: ChallengesRepository.findVisible for an anonymous viewer, then addendaOf, then — only for an opened
 * challenge — openedBidCounts), the same pool settings (DataSource `extra`: max DB_POOL_SIZE, timeouts) and a
 * response of the same shape (toChallengeResponse). No Nest, validation pipe, guards, helmet, metrics, logging or
 * ORM hydration: what the app spends on top of this is its overhead.
 *
 *   DATABASE_URL=… PORT=… DB_POOL_SIZE=10 node -r ./bench/register.js bench/support/bare-challenge-server.ts
 */
import Fastify from 'fastify';
import { Pool } from 'pg';

const CHALLENGE_SQL =
  'SELECT "c"."id" AS "c_id", "c"."organization_id" AS "c_organization_id", "c"."organization_name" AS "c_organization_name", ' +
  '"c"."created_by" AS "c_created_by", "c"."status" AS "c_status", "c"."version" AS "c_version", "c"."title" AS "c_title", ' +
  '"c"."description" AS "c_description", "c"."industry" AS "c_industry", "c"."tags" AS "c_tags", "c"."kpis" AS "c_kpis", ' +
  '"c"."reward_yuan" AS "c_reward_yuan", "c"."eligibility" AS "c_eligibility", "c"."bid_deadline" AS "c_bid_deadline", ' +
  '"c"."max_winners" AS "c_max_winners", "c"."shortlist_size" AS "c_shortlist_size", "c"."passing_score" AS "c_passing_score", ' +
  '"c"."scorecard" AS "c_scorecard", "c"."reviewers_per_bid" AS "c_reviewers_per_bid", "c"."blind_review" AS "c_blind_review", ' +
  '"c"."published_at" AS "c_published_at", "c"."closed_at" AS "c_closed_at", "c"."cancelled_at" AS "c_cancelled_at", ' +
  '"c"."cancel_reason" AS "c_cancel_reason", "c"."publicity_ends_at" AS "c_publicity_ends_at", "c"."awarded_at" AS "c_awarded_at", ' +
  '"c"."created_at" AS "c_created_at", "c"."updated_at" AS "c_updated_at" ' +
  `FROM "challenges" "c" WHERE "c"."id" = $1 AND "c"."status" <> 'draft'`;

const ADDENDA_SQL =
  'SELECT "a"."id" AS "a_id", "a"."challenge_id" AS "a_challenge_id", "a"."text" AS "a_text", "a"."bid_deadline" AS "a_bid_deadline", ' +
  '"a"."created_at" AS "a_created_at" FROM "challenge_addenda" "a" WHERE "a"."challenge_id" = ANY($1) ORDER BY "a"."created_at" ASC';

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
    const { rows } = await pool.query<Row>(CHALLENGE_SQL, [id]);
    const c = rows[0];
    if (!c) return reply.code(404).send({ code: 'NOT_FOUND' });
    const opened = c.c_closed_at !== null;
    const [addenda, counts] = await Promise.all([
      pool.query<Row>(ADDENDA_SQL, [[id]]),
      opened ? pool.query<Row>(BID_COUNT_SQL, [[id]]) : Promise.resolve(null),
    ]);
    const scorecard = c.c_scorecard as { criteria: Criterion[] };
    return {
      id: c.c_id,
      status: c.c_status,
      version: c.c_version,
      title: c.c_title,
      description: c.c_description,
      industry: c.c_industry,
      tags: c.c_tags,
      kpis: (c.c_kpis as Kpi[]).map((k) => ({ id: k.id, name: k.name, target: k.target, unit: k.unit, mandatory: k.mandatory })),
      rewardYuan: Number(c.c_reward_yuan),
      eligibility: c.c_eligibility,
      bidDeadline: iso(c.c_bid_deadline),
      maxWinners: c.c_max_winners,
      shortlistSize: c.c_shortlist_size,
      passingScore: c.c_passing_score,
      scorecard: { criteria: scorecard.criteria.map((k) => ({ key: k.key, name: k.name, weight: k.weight, maxScore: k.maxScore })) },
      review: { reviewersPerBid: c.c_reviewers_per_bid, blind: c.c_blind_review },
      organizationId: c.c_organization_id,
      organizationName: c.c_organization_name,
      publishedAt: iso(c.c_published_at),
      closedAt: iso(c.c_closed_at),
      bidCount: opened ? Number(counts?.rows[0]?.n ?? 0) : null,
      addenda: addenda.rows.map((a) => ({ id: a.a_id, text: a.a_text, bidDeadline: iso(a.a_bid_deadline), createdAt: iso(a.a_created_at) })),
      cancelReason: c.c_cancel_reason,
      createdAt: iso(c.c_created_at),
      updatedAt: iso(c.c_updated_at),
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
