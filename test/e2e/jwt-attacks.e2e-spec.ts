import { createHmac } from 'node:crypto';
import { registerSme, TestUser } from '../support/actors';
import { request } from '../support/http';
import { startStack, Stack } from '../support/stack';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT by hand: any header, any claims, signed (HMAC) with any key and algorithm, or not at all. */
function forge(header: object, claims: object, sign: { key: string; alg: 'sha256' | 'sha512' } | null): string {
  const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = sign ? createHmac(sign.alg, sign.key).update(body).digest('base64url') : '';
  return `${body}.${signature}`;
}

/**
 * Forged and tampered access tokens (QUALITY.md security): every one is refused with 401 UNAUTHENTICATED by both
 * API services, while a token forged correctly with the real secret is accepted (so the refusals are not an
 * artefact of the forging).
 */
describe('JWT attacks (large)', () => {
  let stack: Stack;
  let sme: TestUser;
  let claims: Record<string, unknown>;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    sme = await registerSme(stack);
    const { jwt } = stack.config;
    claims = { sub: sme.id, role: 'sme', org: sme.organizationId, iss: jwt.issuer, aud: jwt.audience, iat: now(), exp: now() + 600 };
  });
  afterAll(() => stack?.close());

  const secret = () => stack.config.jwt.secret;
  const HS256 = { alg: 'HS256', typ: 'JWT' };

  async function statuses(authorization: string): Promise<Array<{ status: number; code?: string }>> {
    const headers = { authorization };
    const answers = await Promise.all([
      request('GET', `${stack.challengeUrl}/api/v1/auth/me`, undefined, { headers }),
      request('GET', `${stack.biddingUrl}/api/v1/enterprise-profile`, undefined, { headers }),
    ]);
    return answers.map((a) => ({ status: a.status, code: a.status === 200 ? undefined : a.body.code }));
  }

  it('accepts a token forged correctly with the real secret (the control)', async () => {
    expect(await statuses(`Bearer ${forge(HS256, claims, { key: secret(), alg: 'sha256' })}`)).toEqual([{ status: 200 }, { status: 200 }]);
  });

  const REFUSED = [
    { status: 401, code: 'UNAUTHENTICATED' },
    { status: 401, code: 'UNAUTHENTICATED' },
  ];

  it.each([
    ['alg none, no signature', () => forge({ alg: 'none', typ: 'JWT' }, claims, null)],
    ['alg none, signature kept', () => forge({ alg: 'none', typ: 'JWT' }, claims, { key: secret(), alg: 'sha256' })],
    ['alg None (case variant)', () => forge({ alg: 'None', typ: 'JWT' }, claims, null)],
    ['another algorithm with the real secret (HS512)', () => forge({ alg: 'HS512', typ: 'JWT' }, claims, { key: secret(), alg: 'sha512' })],
    ['signed with another key', () => forge(HS256, claims, { key: 'x'.repeat(48), alg: 'sha256' })],
    [
      'payload tampered to admin, original signature',
      () => {
        const [header, , signature] = forge(HS256, claims, { key: secret(), alg: 'sha256' }).split('.');
        return `${header}.${b64url(JSON.stringify({ ...claims, role: 'admin' }))}.${signature}`;
      },
    ],
    ['expired', () => forge(HS256, { ...claims, iat: now() - 7200, exp: now() - 3600 }, { key: secret(), alg: 'sha256' })],
    ['no expiry', () => forge(HS256, { ...claims, exp: undefined }, { key: secret(), alg: 'sha256' })],
    ['not valid yet', () => forge(HS256, { ...claims, nbf: now() + 3600 }, { key: secret(), alg: 'sha256' })],
    ['wrong issuer', () => forge(HS256, { ...claims, iss: 'someone-else' }, { key: secret(), alg: 'sha256' })],
    ['wrong audience', () => forge(HS256, { ...claims, aud: 'another-api' }, { key: secret(), alg: 'sha256' })],
    ['unknown role', () => forge(HS256, { ...claims, role: 'superuser' }, { key: secret(), alg: 'sha256' })],
    ['garbage', () => 'not.a.jwt'],
    ['empty', () => ''],
  ])('refuses a token: %s', async (_name, token) => {
    expect(await statuses(`Bearer ${token()}`)).toEqual(REFUSED);
  });

  it('refuses a token outside the Bearer scheme', async () => {
    const token = forge(HS256, claims, { key: secret(), alg: 'sha256' });
    for (const authorization of [token, `Basic ${token}`, `Bearer  ${token} extra`]) {
      expect({ authorization: authorization.slice(0, 12), answers: await statuses(authorization) }).toEqual({
        authorization: authorization.slice(0, 12),
        answers: REFUSED,
      });
    }
  });
});
