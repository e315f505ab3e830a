import type { Browser, BrowserContext } from 'playwright-core';
import { createAdmin, registerSme, TestUser } from '../support/actors';
import { client } from '../support/http';
import { actorContext, launchBrowser, PortalStack, screenshot, startPortalStack } from './support/browser';
import { overflowsHorizontally, pageAs } from './support/portal';

/**
 * The admin's tools in the browser against the real stack: a bulk enterprise import with its progress bar and
 * per-line errors, and the queue dashboard link; and the role guard of the admin pages.
 */
describe('admin pages in the web portal (browser)', () => {
  let stack: PortalStack;
  let browser: Browser;
  let context: BrowserContext;
  let admin: TestUser;
  let sme: TestUser;

  beforeAll(async () => {
    stack = await startPortalStack();
    browser = await launchBrowser();
    context = await actorContext(browser);
    admin = await createAdmin(stack);
    sme = await registerSme(stack);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.close();
  });

  it('imports enterprises from an NDJSON file with a progress bar, and lists the failed lines with their errors', async () => {
    const lines = [
      { externalId: 'browser:servo', name: '厦门伺服驱动有限公司', region: '350200', capabilities: ['伺服驱动'] },
      { externalId: 'browser:bad', name: '' },
      'not json at all',
      // Padding so the upload takes more than one progress event.
      ...Array.from({ length: 400 }, (_, i) => ({ externalId: `browser:pad-${i}`, name: `配套企业${i}`, description: '精密加工 '.repeat(40) })),
    ];
    const ndjson = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
    const page = await pageAs(context, stack, admin);
    await page.goto(`${stack.portalUrl}/admin/import`);
    await page.getByTestId('import-file').setInputFiles({ name: 'enterprises.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) });
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-progress').count()).toBe(1);
    expect(await page.getByTestId('import-created').innerText()).toContain('401');
    const failed = page.getByTestId('import-error-row');
    expect(await failed.count()).toBe(2);
    expect(await failed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-line')))).toEqual(['2', '3']);
    await screenshot(page, 'admin-import');

    // What the page reported is what was stored.
    const imported = await client(stack.biddingUrl, sme.token).get(`/api/v1/enterprise-profiles/${await organizationOf('browser:servo')}`);
    expect(imported.body.name).toBe('厦门伺服驱动有限公司');

    // The queue dashboard is one click away, at the worker's address.
    await page.goto(`${stack.portalUrl}/admin/reviewers`);
    expect(await page.getByTestId('queue-dashboard-link').first().getAttribute('href')).toMatch(/\/admin\/queues$/);
  });

  it('shows the admin pages to admins only', async () => {
    const smeContext = await actorContext(browser, { mobile: true });
    const page = await pageAs(smeContext, stack, sme);
    for (const path of ['/admin/import', '/admin/reviewers', '/admin/objections', '/lead/challenges/new', '/reviewer/assignments']) {
      await page.goto(stack.portalUrl + path);
      await page.getByText('无权访问', { exact: true }).waitFor();
      expect(await overflowsHorizontally(page)).toBe(false);
    }
    await screenshot(page, 'phone-forbidden');
    await smeContext.close();
    const anonymous = await (await actorContext(browser)).newPage();
    await anonymous.goto(`${stack.portalUrl}/admin/import`);
    await anonymous.getByText('请先登录', { exact: true }).waitFor();
    await anonymous.context().close();
  });

  /** The organization an imported enterprise became (looked up in the database: no API lists imports). */
  async function organizationOf(externalId: string): Promise<string> {
    const { Client } = await import('pg');
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT id FROM organizations WHERE external_id = $1', [externalId]);
      return rows[0].id as string;
    } finally {
      await db.end();
    }
  }
});
