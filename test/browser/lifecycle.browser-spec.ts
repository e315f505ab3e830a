import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createAdmin, registerReviewer, registerSme, TestUser, uniqueCreditCode } from '../support/actors';
import { client, eventually, Json } from '../support/http';
import { waitForStatus } from '../support/lifecycle';
import { actorContext, launchBrowser, PortalStack, screenshot, startPortalStack, watchPage } from './support/browser';
import { addTags, fill, overflowsHorizontally, pageAs, signIn, visibleText } from './support/portal';

/**
 * PRODUCT.md's lifecycle played in the browser, against the real stack: a lead registers, posts and publishes a
 * challenge; two SMEs see it recommended and bid; the deadline passes; reviewers score blind; the lead awards;
 * an SME reads its feedback and anyone reads the public result. Accounts other than the lead's, and the
 * reviewers' approval, are seeded where they are not the step under test (the admin's approval is done in the
 * browser too). Every page is saved as a screenshot in test-artifacts/browser/. Along the way: no bid content
 * reaches anyone who may not see it, and the pages fit a phone.
 */
describe('the lifecycle in the web portal (browser)', () => {
  let stack: PortalStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  let admin: TestUser;
  let smes: { user: TestUser; name: string; summary: string; bidId?: string }[];
  let reviewers: TestUser[];
  const lead = { email: `lead-${Date.now()}@example.com`, password: 'lead-password-1', orgName: '闽东电机集团', challengeId: '' };
  const title = '高精度伺服电机控制器联合攻关';

  async function context(options: { mobile?: boolean } = {}): Promise<BrowserContext> {
    const c = await actorContext(browser, options);
    c.on('page', (page) => watchPage(page, pageErrors));
    contexts.push(c);
    return c;
  }

  async function newPage(options: { mobile?: boolean } = {}): Promise<Page> {
    return (await context(options)).newPage();
  }

  beforeAll(async () => {
    stack = await startPortalStack({ PUBLICITY_PERIOD_SECONDS: '600' });
    browser = await launchBrowser();
    admin = await createAdmin(stack);
    smes = [];
    for (const [name, summary] of [
      ['榕城伺服科技', '基于自研FOC算法的双闭环伺服控制方案-甲'],
      ['泉州运动控制', '采用模型预测控制的伺服驱动方案-乙'],
    ]) {
      const user = await registerSme(stack, { name });
      const profile = await client(stack.biddingUrl, user.token).put('/api/v1/enterprise-profile', {
        description: '专注伺服驱动器、伺服电机控制器与运动控制系统研发',
        capabilities: ['伺服驱动', '运动控制', '伺服电机控制'],
        industries: ['C38'],
        pastProjects: [{ title: '数控机床伺服电机控制系统', description: '为数控机床研制高精度伺服电机控制器', year: 2024, client: '福建机床集团' }],
      });
      expect(profile.status).toBe(200);
      smes.push({ user, name, summary });
    }
    reviewers = [
      await registerReviewer(stack, ['伺服控制', '运动控制', '电机']),
      await registerReviewer(stack, ['伺服驱动', '控制算法']),
    ];
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  it('a lead registers (credit code checked as typed), writes a challenge and publishes it', async () => {
    const page = await newPage();
    await page.goto(`${stack.portalUrl}/register?role=lead`);
    await fill(page, 'register-email', lead.email);
    await fill(page, 'register-name', '陈总工');
    await fill(page, 'register-password', lead.password);
    await fill(page, 'register-org-name', lead.orgName);
    const creditCode = uniqueCreditCode('350100');
    const wrong = creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0');
    await fill(page, 'register-credit-code', wrong);
    await page.getByText('校验位不正确').first().waitFor();
    await screenshot(page, 'register-credit-code-checked');
    await fill(page, 'register-credit-code', creditCode);
    await fill(page, 'register-region', '350100');
    await page.getByTestId('register-size').getByText('大型', { exact: true }).click();
    await page.getByTestId('register-submit').click();
    await page.waitForURL('**/lead/challenges');

    await page.getByTestId('new-challenge').first().click();
    await page.waitForURL('**/lead/challenges/new');
    await page.getByLabel('榜单名称').fill(title);
    await page.getByLabel('需求描述').fill('研制定位精度优于0.01毫米的伺服电机控制器，支持EtherCAT总线与运动控制。High-precision servo motor controller.');
    await page.getByLabel('所属行业（GB/T 4754 代码）').fill('C38');
    await addTags(page, '所需能力标签', ['伺服驱动', '运动控制']);
    // A new challenge starts with one KPI row.
    await page.getByLabel('KPI 1 名称').fill('定位精度');
    await page.getByLabel('KPI 1 目标值').fill('≤0.01');
    await page.getByLabel(/^KPI 1 单位/).fill('mm');
    await page.getByLabel('奖励金额（元）').fill('2000000');
    await addTags(page, '地区要求（行政区划代码前缀）', ['35']);
    // Deadline in the viewer's own time zone (the context is Asia/Shanghai, UTC+8 all year).
    const deadline = new Date(Date.now() + 100_000);
    const local = new Date(deadline.getTime() + 8 * 3600_000).toISOString().replace('T', ' ');
    const deadlineInput = page.getByLabel('揭榜截止时间');
    await deadlineInput.click();
    await deadlineInput.fill(local.slice(0, 19));
    await deadlineInput.press('Enter');
    const reviewersPerBid = page.getByLabel('每份方案评审专家数');
    await reviewersPerBid.fill('2');
    await page.getByTestId('challenge-weights-total').waitFor();
    expect(await page.getByTestId('challenge-weights-total').getAttribute('data-total')).toBe('100');
    await screenshot(page, 'lead-challenge-form');
    await page.getByTestId('challenge-form-publish').click();
    await page.waitForURL(/\/lead\/challenges\/[0-9a-f-]{36}(\?.*)?$/);
    lead.challengeId = /\/lead\/challenges\/([0-9a-f-]{36})/.exec(page.url())![1];
    await page.locator('[data-testid="lead-challenge-status"][data-status="published"]').waitFor();
    await screenshot(page, 'lead-challenge-published');

    const published = (await client(stack.challengeUrl).get(`/api/v1/challenges/${lead.challengeId}`)).body;
    expect(published).toMatchObject({ status: 'published', title, eligibility: { regions: ['35'] }, review: { reviewersPerBid: 2 } });
    expect(Math.abs(new Date(published.bidDeadline).getTime() - deadline.getTime())).toBeLessThan(1000);

    // Matched SMEs with their explanations, once the worker has ranked the profiles.
    await eventually(async () => {
      await page.goto(`${stack.portalUrl}/lead/challenges/${lead.challengeId}?tab=matches`);
      await page.waitForLoadState('networkidle');
      return (await page.getByTestId('match-item').count()) >= 2 ? true : undefined;
    }, 30_000, 1000).catch(async (error) => {
      await screenshot(page, 'FAILED-lead-matches');
      throw error;
    });
    await screenshot(page, 'lead-matches');
  });

  it('everyone sees it in the hall, with its KPIs and a deadline countdown', async () => {
    const page = await newPage();
    await page.goto(stack.portalUrl);
    await fill(page, 'hall-search', '伺服');
    await page.getByTestId('hall-search-submit').click();
    await page.locator(`[data-testid="hall-item"][data-id="${lead.challengeId}"]`).waitFor();
    await screenshot(page, 'hall');
    await page.locator(`[data-testid="hall-item"][data-id="${lead.challengeId}"]`).click();
    await page.getByTestId('challenge-title').waitFor();
    expect(await page.getByTestId('challenge-title').innerText()).toContain(title);
    expect(await page.getByTestId('kpi-table').innerText()).toContain('定位精度');
    await page.getByTestId('countdown').first().waitFor();
    await screenshot(page, 'challenge-detail');

    // English is one click away, and stays chosen across pages.
    await page.getByTestId('language-switch').click();
    await page.getByText('Key performance indicators', { exact: false }).or(page.getByText('KPIs', { exact: false })).first().waitFor();
    await page.goto(stack.portalUrl);
    await page.getByRole('heading', { name: 'Challenge hall' }).waitFor();
    await screenshot(page, 'hall-english');
  });

  it('the admin approves the two reviewers', async () => {
    const page = await pageAs(await context(), stack, admin);
    await page.goto(`${stack.portalUrl}/admin/reviewers`);
    for (const reviewer of reviewers) {
      const row = page.locator(`[data-testid="reviewer-row"][data-id="${reviewer.id}"]`);
      await row.getByTestId('reviewer-approve').click();
    }
    await screenshot(page, 'admin-reviewers');
    for (const reviewer of reviewers) {
      await eventually(async () => {
        const r = await client(stack.challengeUrl, admin.token).get('/api/v1/reviewers?status=approved&limit=100');
        return r.body.items.some((x: Json) => x.id === reviewer.id) ? true : undefined;
      }, 10_000);
    }
  });

  it('two SMEs see it recommended with reasons, pass the eligibility check and submit sealed bids', async () => {
    for (const [i, sme] of smes.entries()) {
      const page = await pageAs(await context(), stack, sme.user);
      const item = page.locator(`[data-testid="recommendation-item"][data-challenge-id="${lead.challengeId}"]`);
      await eventually(async () => {
        await page.goto(`${stack.portalUrl}/sme/recommendations`);
        await page.locator('[data-testid="recommendation-item"], [data-testid="recommendations-empty"]').first().waitFor();
        return (await item.count()) > 0 ? true : undefined;
      }, 30_000, 1000);
      expect(await item.getByTestId('explanation').innerText()).toMatch(/伺服|运动控制/);
      if (i === 0) await screenshot(page, 'sme-recommendations');
      await item.getByTestId('recommendation-bid').click();
      await page.waitForURL(`**/sme/challenges/${lead.challengeId}/bid`);
      await page.locator('[data-testid="eligibility-result"][data-eligible="true"]').waitFor();
      await fill(page, 'bid-summary', sme.summary);
      await fill(page, 'bid-approach', `${sme.summary}：双闭环控制、高分辨率编码器与EtherCAT实时通信。`);
      await fill(page, 'bid-kpi-0', '定位精度 0.008 mm');
      await fill(page, 'bid-price', i === 0 ? 1_800_000 : 1_950_000);
      await fill(page, 'bid-duration', 180);
      await page.getByLabel('里程碑 1 名称').fill('样机交付');
      await page.getByLabel('里程碑 1 完成日').fill('90');
      await page.getByLabel('里程碑 1 付款比例').fill('40');
      await page.getByTestId('milestone-add').click();
      await page.getByLabel('里程碑 2 名称').fill('验收');
      await page.getByLabel('里程碑 2 完成日').fill('180');
      await page.getByLabel('里程碑 2 付款比例').fill('50');
      await page.locator('[data-testid="payments-total"][data-total="90"]').waitFor();
      await page.getByTestId('bid-submit').click();
      await page.getByText('各里程碑付款比例之和须为 100%').first().waitFor();
      if (i === 0) await screenshot(page, 'sme-bid-form-payments-rule');
      await page.getByLabel('里程碑 2 付款比例').fill('60');
      await page.locator('[data-testid="payments-total"][data-total="100"]').waitFor();
      await page.getByLabel('成员 1 姓名').fill(i === 0 ? '林博士' : '黄工');
      await page.getByLabel('成员 1 角色').fill('技术负责人');
      if (i === 0) await screenshot(page, 'sme-bid-form');
      await page.getByTestId('bid-submit').click();
      await page.waitForURL(/\/sme\/bids\/[0-9a-f-]{36}$/);
      sme.bidId = /\/sme\/bids\/([0-9a-f-]{36})$/.exec(page.url())![1];
      await page.locator('[data-testid="bid-status"][data-status="submitted"]').waitFor();
      if (i === 0) await screenshot(page, 'sme-bid-submitted');
    }
  });

  it('keeps the bids sealed before the deadline: the lead, the admin and the other SME read no bid content', async () => {
    const leadPage = await pageAs(await context(), stack, lead);
    await leadPage.goto(`${stack.portalUrl}/lead/challenges/${lead.challengeId}?tab=bids`);
    await leadPage.getByTestId('bids-sealed').waitFor();
    await screenshot(leadPage, 'lead-bids-sealed');
    const adminPage = await pageAs(await context(), stack, admin);
    await adminPage.goto(`${stack.portalUrl}/lead/challenges/${lead.challengeId}?tab=bids`);
    await adminPage.getByTestId('bids-sealed').waitFor();
    const otherSme = await pageAs(await context(), stack, smes[1].user);
    await otherSme.goto(`${stack.portalUrl}/sme/bids/${smes[0].bidId}`);
    await otherSme.getByText('页面不存在', { exact: true }).waitFor();
    const anonymous = await newPage();
    await anonymous.goto(`${stack.portalUrl}/challenges/${lead.challengeId}`);
    await anonymous.getByTestId('challenge-title').waitFor();
    for (const page of [leadPage, adminPage, otherSme, anonymous]) {
      const text = await visibleText(page);
      for (const sme of smes) expect(text).not.toContain(sme.summary);
      expect(text).not.toContain(smes[0].name);
    }
    expect(await anonymous.getByTestId('challenge-bid-count').count()).toBe(0);
  });

  it('the deadline passes: the worker opens the bids and assigns the reviewers', async () => {
    await waitForStatus(stack, lead.challengeId, 'reviewing', 180_000);
    const page = await pageAs(await context(), stack, lead);
    await page.goto(`${stack.portalUrl}/lead/challenges/${lead.challengeId}?tab=bids`);
    await page.getByTestId('bid-item').first().waitFor();
    expect(await page.getByTestId('bid-item').count()).toBe(2);
    const text = await visibleText(page);
    for (const sme of smes) expect(text).toContain(sme.summary);
    await screenshot(page, 'lead-bids-opened');
  });

  it('reviewers score the blind bids on the scorecard and submit', async () => {
    for (const [r, reviewer] of reviewers.entries()) {
      const page = await pageAs(await context(), stack, reviewer);
      await page.goto(`${stack.portalUrl}/reviewer/assignments`);
      await page.getByTestId('assignment-item').first().waitFor();
      if (r === 0) await screenshot(page, 'reviewer-assignments');
      const ids = await page.locator('[data-testid="assignment-item"][data-status="assigned"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
      expect(ids).toHaveLength(2);
      for (const id of ids) {
        await page.goto(`${stack.portalUrl}/reviewer/assignments/${id}`);
        const bid = page.getByTestId('review-bid');
        await bid.waitFor();
        const bidText = await bid.innerText();
        const isFirst = bidText.includes(smes[0].summary);
        // Blind review: no bidder identity anywhere on the page.
        const text = await visibleText(page);
        for (const sme of smes) expect(text).not.toContain(sme.name);
        expect(await page.getByTestId('review-bid-organization').count()).toBe(0);
        const scores = page.locator('[data-testid^="score-"]');
        const count = await scores.count();
        expect(count).toBe(4);
        // The form refuses a score above the criterion's maximum.
        const first = scores.nth(0).locator('xpath=self::input|.//input').first();
        await first.fill('11');
        await page.getByTestId('review-submit').click();
        await page.getByText('分数须在 0 到 10 之间').first().waitFor();
        for (let k = 0; k < count; k += 1) {
          await scores.nth(k).locator('xpath=self::input|.//input').first().fill(isFirst ? '9' : '6');
        }
        await fill(page, 'review-comment', isFirst ? '方案完整，指标承诺可信。' : '方案可行，报价偏高。');
        if (r === 0 && isFirst) await screenshot(page, 'reviewer-scorecard');
        await page.getByTestId('review-submit').click();
        await page.getByTestId('review-submit-confirm').click();
        await page.getByTestId('assignment-readonly').waitFor();
      }
    }
  });

  it('the lead reads the ranking with confidence intervals, awards the winner and verifies the audit chain', async () => {
    await waitForStatus(stack, lead.challengeId, 'shortlisted', 60_000);
    const page = await pageAs(await context(), stack, lead);
    await page.goto(`${stack.portalUrl}/lead/challenges/${lead.challengeId}?tab=ranking`);
    const winnerRow = page.locator(`[data-testid="ranking-row"][data-bid-id="${smes[0].bidId}"]`);
    await winnerRow.waitFor();
    await screenshot(page, 'lead-ranking');
    await page.locator(`[data-testid="award-select"][data-bid-id="${smes[0].bidId}"]`).click();
    await page.getByTestId('award-submit').click();
    await page.getByTestId('award-confirm').click();
    await page.getByTestId('award-result').waitFor();
    await waitForStatus(stack, lead.challengeId, 'publicity', 10_000);
    await screenshot(page, 'lead-awarded');
    await page.goto(`${stack.portalUrl}/lead/challenges/${lead.challengeId}?tab=audit`);
    await page.getByTestId('audit-verified').waitFor();
    expect(await page.getByTestId('audit-verified').innerText()).toContain('已验证');
    await screenshot(page, 'lead-audit');
  });

  it('each SME reads its feedback, and anyone reads the public result', async () => {
    const page = await pageAs(await context(), stack, smes[1].user);
    await page.goto(`${stack.portalUrl}/sme/bids/${smes[1].bidId}`);
    await page.getByTestId('feedback-rank').waitFor();
    expect(await page.getByTestId('feedback-rank').innerText()).toMatch(/2/);
    expect(await page.getByTestId('feedback-reason').innerText()).not.toBe('');
    expect(await visibleText(page)).toContain('方案可行，报价偏高。');
    await screenshot(page, 'sme-feedback');

    const anonymous = await newPage();
    await anonymous.goto(`${stack.portalUrl}/challenges/${lead.challengeId}/result`);
    await anonymous.getByTestId('result-winner').first().waitFor();
    expect(await anonymous.getByTestId('result-winner').innerText()).toContain(smes[0].name);
    const publicText = await visibleText(anonymous);
    for (const sme of smes) expect(publicText).not.toContain(sme.summary);
    await screenshot(anonymous, 'public-result');

    // The notification bell counts what arrived on the way (matched, closed, awarded…).
    await page.locator('[data-testid="notification-bell"]:not([data-unread="0"])').waitFor();
  });

  it('works at a phone-sized viewport', async () => {
    const anonymous = await newPage({ mobile: true });
    for (const [path, name, ready] of [
      ['/', 'phone-hall', 'hall-item'],
      [`/challenges/${lead.challengeId}`, 'phone-challenge', 'challenge-title'],
      [`/challenges/${lead.challengeId}/result`, 'phone-result', 'result-winner'],
    ] as const) {
      await anonymous.goto(stack.portalUrl + path);
      await anonymous.getByTestId(ready).first().waitFor();
      expect({ path, overflows: await overflowsHorizontally(anonymous) }).toEqual({ path, overflows: false });
      await screenshot(anonymous, name);
    }
    const sme = await (await context({ mobile: true })).newPage();
    await signIn(sme, stack, smes[0].user);
    await sme.goto(`${stack.portalUrl}/sme/bids/${smes[0].bidId}`);
    await sme.getByTestId('feedback-rank').waitFor();
    expect(await overflowsHorizontally(sme)).toBe(false);
    await screenshot(sme, 'phone-sme-feedback');
  });

  it('ran without a script error in any page', () => {
    // Refusals the pages expect and show (a sealed bid list, another SME's bid, a result not yet published) are
    // logged by Chromium as failed resources; they are not script errors.
    const unexpected = pageErrors.filter((e) => !/Failed to load resource: the server responded with a status of (401|403|404|409)/.test(e));
    expect(unexpected).toEqual([]);
  });
});
