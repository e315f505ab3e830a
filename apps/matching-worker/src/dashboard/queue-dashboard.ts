import { createHash } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PasswordHasher } from '@jiebang/auth';
import { UsersRepository } from '@jiebang/domain';
import { QUEUE_NAMES } from '@jiebang/queue';

export const DASHBOARD_PATH = '/admin/queues';
const CREDENTIAL_CACHE_MS = 60_000;

/**
 * The BullMQ dashboard at /admin/queues, behind HTTP basic auth with an admin's email and password.
 * Verified credentials are remembered for a minute (by hash) so the page's assets do not each cost an Argon2 run.
 */
export async function registerQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const users = app.get(UsersRepository);
  const hasher = app.get(PasswordHasher);
  const verified = new Map<string, number>();

  const isAdmin = async (header: string | undefined): Promise<boolean> => {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
    if (!match) return false;
    const key = createHash('sha256').update(match[1]).digest('hex');
    if ((verified.get(key) ?? 0) > Date.now()) return true;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return false;
    const user = await users.findByEmail(decoded.slice(0, colon));
    const ok = user?.role === 'admin' && (await hasher.verify(user.passwordHash, decoded.slice(colon + 1)));
    if (ok) verified.set(key, Date.now() + CREDENTIAL_CACHE_MS);
    return ok;
  };

  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }))),
    serverAdapter,
  });

  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        if (!(await isAdmin(request.headers.authorization))) {
          await reply
            .status(401)
            .header('www-authenticate', 'Basic realm="Jiebang queues", charset="UTF-8"')
            .header('content-type', 'application/problem+json; charset=utf-8')
            .send({ type: 'https://jiebang.dev/problems/unauthenticated', title: 'Unauthenticated', status: 401, code: 'UNAUTHENTICATED', detail: 'Sign in with an administrator email and password.', traceId: String(request.id) });
        }
      });
      await scope.register(serverAdapter.registerPlugin(), { prefix: DASHBOARD_PATH });
    },
  );
}
