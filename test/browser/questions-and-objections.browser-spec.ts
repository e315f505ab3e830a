import type { Browser, BrowserContext } from 'playwright-core';
import { bidBody, challengeBody, createAdmin, registerLead, registerSme, TestUser } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { approvedReviewer, scoresAt, submitAllReviews, waitForStatus } from '../support/lifecycle';
import { actorContext, launchBrowser, PortalStack, screenshot, startPortalStack } from './support/browser';
import { fill, pageAs, visibleText } from './support/portal';

/**
 * The two conversations of the lifecycle in the browser: an SME's question and the lead's answer (which never
 * names the asker), and an objection during publicity resolved by the admin. The review and the award in
 * between are seeded through the API (the lifecycle spec does them in the browser).
 */
describe('questions and objections in the web portal (browser)', () => {
  let stack: PortalStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: TestUser;
  let lead: TestUser;
  let sme: TestUser;
  let reviewer: TestUser;
  let challenge: Json;
  let bidId: string;
  const question = '定位精度的测试工况是空载还是额定负载？';
  const answer = '按额定负载、环境温度25℃测试。';

  const asUser = async (user: TestUser) => {
    const context = await actorContext(browser);
    contexts.push(context);
    return pageAs(context, stack, user);
  };

  beforeAll(async () => {
    stack = await startPortalStack({ PUBLICITY_PERIOD_SECONDS: '600' });
    browser = await launchBrowser();
    admin = await createAdmin(stack);
    lead = await registerLead(stack);
    sme = await registerSme(stack);
    reviewer = await approvedReviewer(stack, admin, ['伺服控制', '运动控制']);
    const created = await client(stack.challengeUrl, lead.token).post(
      '/api/v1/challenges',
      challengeBody(25_000, { review: { reviewersPerBid: 1, blind: true } }),
    );
    challenge = (await client(stack.challengeUrl, lead.token).post(`/api/v1/challenges/${created.body.id}/publish`)).body;
    const bid = await client(stack.biddingUrl, sme.token).post('/api/v1/bids', bidBody(challenge));
    expect(bid.status).toBe(201);
    bidId = bid.body.id;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  it('an SME asks a question, the lead answers it, and the answer is public to signed-in users without the asker', async () => {
    const smePage = await asUser(sme);
    await smePage.goto(`${stack.portalUrl}/challenges/${challenge.id}`);
    await fill(smePage, 'ask-question-input', question);
    await smePage.getByTestId('ask-question-submit').click();
    await smePage.getByTestId('ask-question-success').waitFor();

    const leadPage = await asUser(lead);
    await leadPage.goto(`${stack.portalUrl}/lead/challenges/${challenge.id}?tab=questions`);
    await leadPage.getByText(question).waitFor();
    await fill(leadPage, 'answer-input', answer);
    await leadPage.getByTestId('answer-submit').click();
    await leadPage.getByText(answer).first().waitFor();
    await screenshot(leadPage, 'lead-questions');

    const other = await asUser(await registerSme(stack));
    await other.goto(`${stack.portalUrl}/challenges/${challenge.id}`);
    await other.getByText(answer).waitFor();
    const text = await visibleText(other);
    expect(text).toContain(question);
    expect(text).not.toContain(sme.email);
    await screenshot(other, 'public-answer');
  });

  it('during publicity an SME files an objection on the result page and the admin dismisses it', async () => {
    await waitForStatus(stack, challenge.id, 'reviewing', 60_000);
    await submitAllReviews(stack, [reviewer], challenge.id, () => scoresAt(challenge, 0.9));
    await waitForStatus(stack, challenge.id, 'shortlisted', 30_000);
    const awarded = await client(stack.challengeUrl, lead.token).post(`/api/v1/challenges/${challenge.id}/award`, { bidIds: [bidId] });
    expect(awarded.status).toBe(200);

    const objector = await registerSme(stack);
    const page = await asUser(objector);
    await page.goto(`${stack.portalUrl}/challenges/${challenge.id}/result`);
    await page.getByTestId('result-winner').waitFor();
    await fill(page, 'objection-reason', '中标方案的工期承诺与其既往项目不符。');
    await fill(page, 'objection-evidence', '见该企业2024年公开的项目验收报告第3页。');
    await page.getByTestId('objection-submit').click();
    await page.locator('[data-testid="objection-success"][data-status="open"]').waitFor();
    await screenshot(page, 'objection-filed');

    const adminPage = await asUser(admin);
    await adminPage.goto(`${stack.portalUrl}/admin/objections`);
    const item = adminPage.getByTestId('objection-item').first();
    await item.waitFor();
    await item.getByTestId('objection-decision').getByText('驳回异议', { exact: true }).click();
    await fill(item, 'objection-note', '证据不足，工期承诺经核实可行。');
    await screenshot(adminPage, 'admin-objections');
    await item.getByTestId('objection-resolve').click();
    await adminPage.getByTestId('objection-resolve-confirm').click();
    await eventually(async () => {
      const r = await client(stack.challengeUrl).get(`/api/v1/challenges/${challenge.id}/result`);
      return r.body.openObjections === 0 ? true : undefined;
    }, 10_000);

    await page.goto(`${stack.portalUrl}/challenges/${challenge.id}/result`);
    await page.locator('[data-testid="result-open-objections"]', { hasText: '0' }).waitFor();
  });
});
