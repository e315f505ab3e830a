import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { tokenStore } from '../../api/client';
import type { Bid, Challenge, User } from '../../api/types';
import { SessionProvider } from '../../auth/session';
import { RequireRole } from '../../components/RequireRole';
import BidFormPage from './BidFormPage';

/**
 * The bid form against a fake API: the typed clients are replaced by routers over canned responses (jsdom has no
 * fetch), while `unwrap`, `ApiError` and `tokenStore` stay the real ones.
 */
interface MockCall {
  service: 'challenge' | 'bidding';
  method: string;
  path: string;
  options: { params?: { path?: Record<string, string>; query?: Record<string, unknown>; header?: Record<string, string> }; body?: unknown };
}
type MockReply = { status: number; body?: unknown };

const mockCalls: MockCall[] = [];
let mockRoutes: Record<string, (call: MockCall) => MockReply> = {};

function mockRespond(call: MockCall) {
  mockCalls.push(call);
  const route = mockRoutes[`${call.method} ${call.path}`];
  const reply = route ? route(call) : { status: 404, body: { code: 'NOT_FOUND', detail: `no fake for ${call.method} ${call.path}` } };
  const ok = reply.status >= 200 && reply.status < 300;
  return Promise.resolve({
    ...(ok ? { data: reply.body } : { error: reply.body }),
    response: { ok, status: reply.status, statusText: String(reply.status) } as Response,
  });
}

jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  const fake = (service: 'challenge' | 'bidding') => {
    const method = (name: string) => (path: string, options: MockCall['options'] = {}) => mockRespond({ service, method: name, path, options });
    return { GET: method('GET'), POST: method('POST'), PUT: method('PUT'), PATCH: method('PATCH'), DELETE: method('DELETE'), use: () => undefined };
  };
  return { ...actual, challengeApi: fake('challenge'), biddingApi: fake('bidding') };
});

const CHALLENGE_ID = '2b0c5a4e-1d2f-4c3b-8a9e-0f1e2d3c4b5a';
const BID_ID = '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const user: User = { id: 'u-sme-1', email: 'sme@example.com', name: '精工科技', role: 'sme', organizationId: 'org-1' } as User;

const challenge = {
  id: CHALLENGE_ID,
  status: 'published',
  version: 1,
  title: '高精度伺服电机控制器',
  description: '研制定位精度优于 0.01 mm 的伺服控制器',
  industry: 'C38',
  tags: ['伺服驱动'],
  kpis: [
    { id: 'a1111111-1111-4111-8111-111111111111', name: '定位精度', target: '≤0.01', unit: 'mm', mandatory: true },
    { id: 'b2222222-2222-4222-8222-222222222222', name: '响应时间', target: '≤5', unit: 'ms', mandatory: false },
  ],
  rewardYuan: 2_000_000,
  eligibility: {},
  bidDeadline: new Date(Date.now() + 7 * 86400_000).toISOString(),
  maxWinners: 1,
  shortlistSize: 3,
  passingScore: 60,
  scorecard: { criteria: [{ key: 'tech', name: '技术', weight: 100, maxScore: 10 }] },
  review: { reviewersPerBid: 3, blind: true },
  organizationId: 'org-lead',
  organizationName: '龙头装备集团',
  publishedAt: new Date().toISOString(),
  closedAt: null,
  bidCount: null,
  addenda: [],
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
} as unknown as Challenge;

function baseRoutes(): Record<string, (call: MockCall) => MockReply> {
  return {
    'GET /api/v1/auth/me': () => ({ status: 200, body: { user } }),
    'GET /api/v1/challenges/{id}': () => ({ status: 200, body: challenge }),
    'GET /api/v1/challenges/{id}/eligibility': () => ({ status: 200, body: { eligible: true, reasons: [] } }),
    'GET /api/v1/bids': () => ({ status: 200, body: { items: [], nextCursor: null } }),
    'POST /api/v1/bids': (call) => {
      const body = call.options.body as Omit<Bid, 'id'>;
      return {
        status: 201,
        body: { ...body, id: BID_ID, organizationId: 'org-1', status: 'submitted', version: 1, revision: 1, contentHash: 'ab'.repeat(32), submittedAt: new Date().toISOString(), updatedAt: new Date().toISOString() },
      };
    },
  };
}

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <AntApp>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <MemoryRouter initialEntries={[`/sme/challenges/${CHALLENGE_ID}/bid`]}>
            <Routes>
              <Route
                path="/sme/challenges/:challengeId/bid"
                element={
                  <RequireRole roles={['sme']}>
                    <BidFormPage />
                  </RequireRole>
                }
              />
              <Route path="/sme/bids/:id" element={<div data-testid="bid-detail-page">bid detail</div>} />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </AntApp>,
  );
}

/** Ant Design forms are slow in jsdom, more so on a busy machine. */
const SLOW = 120_000;

const draftKey = `jiebang.bidDraft.${user.id}.${CHALLENGE_ID}`;
const posts = () => mockCalls.filter((c) => c.method === 'POST' && c.path === '/api/v1/bids');

const consoleError = console.error.bind(console);
beforeAll(() => {
  // jsdom has no layout: Ant Design's auto-sized text areas compute a NaN height, which React reports on every
  // keystroke with a long stack. That noise (and its cost) is left out; every other error still shows.
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('is an invalid value for the') && args.includes('height')) return;
    consoleError(...args);
  });
});

afterAll(() => {
  jest.restoreAllMocks();
});

beforeEach(() => {
  localStorage.clear();
  mockCalls.length = 0;
  mockRoutes = baseRoutes();
  tokenStore.write('test-token', 3600);
});

afterEach(() => {
  tokenStore.write(null);
});

/** Types a whole value into an input at once (one change event; per-key typing through Ant Design is slow in jsdom). */
function typeIn(element: HTMLElement, value: string) {
  fireEvent.change(element, { target: { value } });
}

/** Fills everything but the milestones: summary, approach, the mandatory KPI, price and duration. */
async function fillBasics() {
  typeIn(await screen.findByTestId('bid-summary'), '采用自研 FOC 算法的伺服控制器');
  typeIn(screen.getByTestId('bid-approach'), '双闭环控制，编码器 23 位，三个月完成样机。');
  typeIn(screen.getByTestId('bid-kpi-0'), '0.008 mm');
  typeIn(screen.getByTestId('bid-price'), '1800000');
  typeIn(screen.getByTestId('bid-duration'), '90');
}

describe('BidFormPage (new bid)', () => {
  it('blocks milestone payments that do not sum to 100 with the live total, and sends the bid once they do', async () => {
    const u = userEvent.setup({ delay: null });
    renderPage();
    expect(await screen.findByTestId('eligibility-result')).toHaveProperty('dataset.eligible', 'true');
    await fillBasics();

    typeIn(screen.getByLabelText('里程碑 1 名称'), '样机');
    typeIn(screen.getByLabelText('里程碑 1 完成日'), '30');
    typeIn(screen.getByLabelText('里程碑 1 付款比例'), '30');
    await u.click(screen.getByTestId('milestone-add'));
    typeIn(screen.getByLabelText('里程碑 2 名称'), '验收');
    typeIn(screen.getByLabelText('里程碑 2 完成日'), '90');
    typeIn(screen.getByLabelText('里程碑 2 付款比例'), '60');

    await waitFor(() => expect(screen.getByTestId('payments-total').textContent).toContain('付款合计 90%'));
    await u.click(screen.getByTestId('bid-submit'));
    expect(await screen.findByText('各里程碑付款比例之和须为 100%（当前为 90%）')).toBeTruthy();
    // Give a wrongly sent request every chance to show up before asserting none was.
    await act(async () => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(posts()).toHaveLength(0);

    typeIn(screen.getByLabelText('里程碑 2 付款比例'), '70');
    await waitFor(() => expect(screen.getByTestId('payments-total').textContent).toContain('付款合计 100%'));
    await waitFor(() => expect(screen.queryByText(/付款比例之和须为 100%（当前为/)).toBeNull());

    await u.click(screen.getByTestId('bid-submit'));
    await waitFor(() => expect(posts()).toHaveLength(1));
    const [post] = posts();
    expect(post.options.params?.header?.['Idempotency-Key']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(post.options.body).toEqual({
      challengeId: CHALLENGE_ID,
      summary: '采用自研 FOC 算法的伺服控制器',
      technicalApproach: '双闭环控制，编码器 23 位，三个月完成样机。',
      priceYuan: 1_800_000,
      durationDays: 90,
      kpiResponses: [{ kpiId: 'a1111111-1111-4111-8111-111111111111', commitment: '0.008 mm' }],
      milestones: [
        { title: '样机', dueDay: 30, paymentPercent: 30 },
        { title: '验收', dueDay: 90, paymentPercent: 70 },
      ],
      team: [],
    });
    expect(await screen.findByTestId('bid-detail-page')).toBeTruthy();
    expect(localStorage.getItem(draftKey)).toBeNull();
  }, SLOW);

  it('autosaves the draft to localStorage and restores it on a new render, until discarded', async () => {
    const u = userEvent.setup({ delay: null });
    const first = renderPage();
    typeIn(await screen.findByTestId('bid-summary'), '草稿中的方案摘要');
    typeIn(screen.getByTestId('bid-price'), '1500000');
    typeIn(screen.getByLabelText('里程碑 1 名称'), '初样');

    const stored = JSON.parse(localStorage.getItem(draftKey) ?? 'null') as { savedAt: string; values: { summary: string; priceYuan: number; milestones: { title: string }[] } };
    expect(stored.values.summary).toBe('草稿中的方案摘要');
    expect(stored.values.priceYuan).toBe(1_500_000);
    expect(stored.values.milestones[0].title).toBe('初样');
    expect(Number.isNaN(Date.parse(stored.savedAt))).toBe(false);
    first.unmount();

    renderPage();
    const notice = await screen.findByTestId('draft-restored');
    expect(notice.textContent).toMatch(/已恢复 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 自动保存的草稿/);
    expect((screen.getByTestId('bid-summary') as HTMLTextAreaElement).value).toBe('草稿中的方案摘要');
    expect((screen.getByTestId('bid-price') as HTMLInputElement).value).toBe('1500000');
    expect((screen.getByLabelText('里程碑 1 名称') as HTMLInputElement).value).toBe('初样');
    expect(posts()).toHaveLength(0);

    await u.click(within(notice).getByTestId('draft-discard'));
    await waitFor(() => expect(screen.queryByTestId('draft-restored')).toBeNull());
    expect((screen.getByTestId('bid-summary') as HTMLTextAreaElement).value).toBe('');
    expect(localStorage.getItem(draftKey)).toBeNull();
  }, SLOW);

  it('shows every failed eligibility rule and no form to an ineligible SME', async () => {
    mockRoutes['GET /api/v1/challenges/{id}/eligibility'] = () => ({
      status: 200,
      body: {
        eligible: false,
        reasons: [
          { rule: 'region', message: 'Region 110105 is not within the allowed regions 35.' },
          { rule: 'certifications', message: 'Missing certifications: specialized-sme.' },
        ],
      },
    });
    renderPage();
    const result = await screen.findByTestId('eligibility-result');
    expect(result.dataset.eligible).toBe('false');
    expect(within(result).getByText('Region 110105 is not within the allowed regions 35.')).toBeTruthy();
    expect(within(result).getByText('Missing certifications: specialized-sme.')).toBeTruthy();
    expect(screen.queryByTestId('bid-form')).toBeNull();
    expect(screen.queryByTestId('bid-submit')).toBeNull();
  }, SLOW);

  it('puts 422 RULE_VIOLATION field errors beside the KPI and the milestone list they name', async () => {
    mockRoutes['POST /api/v1/bids'] = () => ({
      status: 422,
      body: {
        code: 'RULE_VIOLATION',
        detail: 'The bid breaks the challenge rules.',
        errors: [
          { field: 'kpiResponses.0.commitment', message: 'commitment is too vague' },
          { field: 'milestones', message: 'a milestone is due after durationDays' },
        ],
      },
    });
    const u = userEvent.setup({ delay: null });
    renderPage();
    await fillBasics();
    typeIn(screen.getByLabelText('里程碑 1 名称'), '交付');
    typeIn(screen.getByLabelText('里程碑 1 完成日'), '90');
    typeIn(screen.getByLabelText('里程碑 1 付款比例'), '100');
    await u.click(screen.getByTestId('bid-submit'));
    expect(await screen.findByText('commitment is too vague')).toBeTruthy();
    expect(await screen.findByText('a milestone is due after durationDays')).toBeTruthy();
    const alert = await screen.findByTestId('bid-submit-error');
    expect(alert.dataset.code).toBe('RULE_VIOLATION');
    // Both errors sit beside their fields (the KPI's commitment, the milestone list), not in the alert.
    expect(within(alert).queryByText(/too vague|due after/)).toBeNull();
    expect(screen.queryByTestId('bid-detail-page')).toBeNull();
  }, SLOW);
});
