import { Client } from 'pg';
import { createAdmin, registerSme, TestUser, uniqueCreditCode } from '../support/actors';
import { client, request } from '../support/http';
import { startStack, Stack } from '../support/stack';

const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

describe('bulk enterprise import (large)', () => {
  let stack: Stack;
  let admin: TestUser;
  let sme: TestUser;
  let db: Client;

  const post = (body: string, token?: string) =>
    request('POST', `${stack.biddingUrl}/api/v1/admin/enterprises/import`, undefined, {
      raw: body,
      token,
      headers: { 'content-type': 'application/x-ndjson' },
    });

  beforeAll(async () => {
    stack = await startStack({ worker: false });
    [admin, sme] = await Promise.all([createAdmin(stack), registerSme(stack)]);
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await stack?.close();
  });

  it('imports good lines, reports each bad line with its number, and updates by externalId', async () => {
    const code = uniqueCreditCode();
    const body = ndjson([
      { externalId: 'test:ACME', name: 'Acme', creditCode: code, region: '350100', size: 'small', capabilities: ['GaN power devices'] },
      { externalId: 'test:NO-NAME' },
      'not json',
      '',
      { externalId: 'test:BETA', name: 'Beta', pastProjects: [{ title: 'Servo drive', description: 'x', year: 2013, client: 'DOE' }] },
      { externalId: 'test:THIEF', name: 'Thief', creditCode: sme.creditCode },
    ]);
    const first = await post(body, admin.token);
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(2);
    expect(first.body.updated).toBe(0);
    expect(first.body.failed.map((f: { line: number }) => f.line)).toEqual([2, 3, 6]);
    expect(first.body.failed[0].errors.join(' ')).toContain('name');
    expect(first.body.failed[2].errors.join(' ')).toContain('creditCode');

    const again = await post(ndjson([{ externalId: 'test:ACME', name: 'Acme Renamed', capabilities: ['SiC'] }]), admin.token);
    expect(again.body).toEqual({ created: 0, updated: 1, failed: [] });
    const row = await db.query(
      `SELECT o.name, o.kind, p.capabilities FROM organizations o JOIN enterprise_profiles p ON p.organization_id = o.id WHERE o.external_id = 'test:ACME'`,
    );
    expect(row.rows).toEqual([{ name: 'Acme Renamed', kind: 'sme', capabilities: ['SiC'] }]);
    const imported = await db.query(`SELECT id FROM organizations WHERE external_id = 'test:BETA'`);
    const profile = await client(stack.biddingUrl, sme.token).get(`/api/v1/enterprise-profiles/${imported.rows[0].id}`);
    expect(profile.body.pastProjects[0]).toMatchObject({ title: 'Servo drive', client: 'DOE' });
    // An imported organization owns its credit code: registering with it is ORGANIZATION_EXISTS.
    const register = await client(stack.challengeUrl).post('/api/v1/auth/register', {
      email: `claim-${Date.now()}@example.com`,
      password: 'claim-password-1',
      name: 'x',
      role: 'sme',
      organization: { name: 'Acme', creditCode: code, region: '350100', size: 'small' },
    });
    expect(register.body.code).toBe('ORGANIZATION_EXISTS');
  });

  it('is for admins only', async () => {
    expect((await post(ndjson([{ externalId: 'x', name: 'x' }]))).status).toBe(401);
    expect((await post(ndjson([{ externalId: 'x', name: 'x' }]), sme.token)).status).toBe(403);
    const wrongType = await client(stack.biddingUrl, admin.token).post('/api/v1/admin/enterprises/import', { externalId: 'x' });
    expect(wrongType.status).toBe(400);
  });

  it('takes 20,000 lines in one streamed request', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => ({
      externalId: `bulk:${i}`,
      name: `Bulk Enterprise ${i}`,
      description: `Precision motion control and servo drives, batch ${i % 97}`,
      pastProjects: [{ title: `Project ${i}`, description: 'Servo controller for CNC machines', year: 2010 + (i % 14), client: 'Agency' }],
    }));
    const started = Date.now();
    const response = await post(ndjson(lines), admin.token);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ created: 20_000, updated: 0, failed: [] });
    const count = await db.query(`SELECT count(*)::int AS n FROM organizations o JOIN enterprise_profiles p ON p.organization_id = o.id WHERE o.external_id LIKE 'bulk:%'`);
    expect(count.rows[0].n).toBe(20_000);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
