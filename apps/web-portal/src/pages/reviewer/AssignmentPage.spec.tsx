import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { challengeApi, tokenStore } from '../../api/client';
import type { AssignmentDetail, User } from '../../api/types';
import { SessionProvider } from '../../auth/session';
import { RequireRole } from '../../components/RequireRole';
import AssignmentPage from './AssignmentPage';
import { weightedTotal } from './scoring';

// antd forms in jsdom are slow on a busy machine; these tests wait on several validation rounds.
jest.setTimeout(90_000);

// The typed API client is replaced by mocks; ApiError, unwrap and tokenStore stay real.
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return { ...actual, challengeApi: { GET: jest.fn(), PUT: jest.fn(), POST: jest.fn() } };
});

const api = challengeApi as unknown as { GET: jest.Mock; PUT: jest.Mock; POST: jest.Mock };

const ASSIGNMENT_ID = '6a0d2f4e-0000-4000-8000-000000000001';
const KPI_ID = '6a0d2f4e-0000-4000-8000-0000000000a1';

const reviewerUser: User = { id: '6a0d2f4e-0000-4000-8000-0000000000f1', email: 'expert@example.com', name: '王专家', role: 'reviewer', organizationId: null };

function assignment(overrides: Partial<AssignmentDetail> = {}): AssignmentDetail {
  return {
    id: ASSIGNMENT_ID,
    status: 'assigned',
    challenge: {
      id: '6a0d2f4e-0000-4000-8000-0000000000c1',
      status: 'reviewing',
      title: '高精度伺服电机控制器',
      description: '需要定位精度优于 0.01 mm 的伺服控制器。',
      industry: 'C38',
      tags: ['伺服控制'],
      kpis: [{ id: KPI_ID, name: '定位精度', target: '≤0.01', unit: 'mm', mandatory: true }],
      rewardYuan: 2_000_000,
      blindReview: true,
    },
    // technical: weight 60, 0–10; team: weight 40, 0–5
    scorecard: {
      criteria: [
        { key: 'technical', name: '技术方案', weight: 60, maxScore: 10 },
        { key: 'team', name: '团队能力', weight: 40, maxScore: 5 },
      ],
    },
    bid: {
      id: '6a0d2f4e-0000-4000-8000-0000000000b1',
      revision: 2,
      summary: '基于 FPGA 的闭环控制方案',
      technicalApproach: '双编码器反馈',
      priceYuan: 1_500_000,
      durationDays: 180,
      kpiResponses: [{ kpiId: KPI_ID, commitment: '≤0.008 mm' }],
      milestones: [{ title: '样机', dueDay: 90, paymentPercent: 40 }, { title: '验收', dueDay: 180, paymentPercent: 60 }],
      team: [{ role: '项目负责人' }],
    },
    review: null,
    ...overrides,
  };
}

const ok = <T,>(data: T) => Promise.resolve({ data, response: { ok: true, status: 200, statusText: 'OK' } as Response });

let detail: AssignmentDetail;

beforeEach(() => {
  jest.clearAllMocks();
  detail = assignment();
  api.GET.mockImplementation((path: string) => {
    if (path === '/api/v1/auth/me') return ok({ user: reviewerUser });
    if (path === '/api/v1/reviews/assignments/{id}') return ok(detail);
    throw new Error(`unexpected GET ${path}`);
  });
  api.PUT.mockImplementation((_path: string, init: { body: { scores: Record<string, number>; comment: string; privateNote?: string; submit: boolean } }) => {
    const { body } = init;
    const total = body.submit ? weightedTotal(detail.scorecard.criteria as never, body.scores).total : null;
    const review = { status: body.submit ? 'submitted' : 'draft', scores: body.scores, comment: body.comment, privateNote: body.privateNote ?? null, total, submittedAt: body.submit ? '2026-01-01T00:00:00Z' : null } as const;
    detail = { ...detail, status: body.submit ? 'submitted' : detail.status, review };
    return ok(review);
  });
  tokenStore.write('reviewer-token', 3600);
});

afterEach(() => tokenStore.write(null));

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <AntApp>
      <QueryClientProvider client={client}>
        <SessionProvider>
          <MemoryRouter initialEntries={[`/reviewer/assignments/${ASSIGNMENT_ID}`]}>
            <Routes>
              <Route
                path="/reviewer/assignments/:id"
                element={
                  <RequireRole roles={['reviewer', 'admin']}>
                    <AssignmentPage />
                  </RequireRole>
                }
              />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </AntApp>,
  );
}

const typeScore = (key: string, value: string) => fireEvent.change(screen.getByTestId(`score-${key}`), { target: { value } });
const putCalls = () => api.PUT.mock.calls.map(([, init]) => (init as { body: unknown }).body);

describe('reviewer assignment page', () => {
  it('shows the blind bid without any bidder identity, each KPI response beside its KPI', async () => {
    renderPage();
    const bid = await screen.findByTestId('review-bid');
    expect(within(bid).getByText('身份已隐藏（盲评）')).toBeTruthy();
    expect(within(bid).queryByTestId('review-bid-organization')).toBeNull();
    const kpis = within(bid).getByTestId('review-kpis');
    expect(within(kpis).getByText('定位精度')).toBeTruthy();
    expect(within(kpis).getByText('≤0.008 mm')).toBeTruthy();
    expect(screen.getByLabelText('技术方案（权重 60，0–10 分）')).toBe(screen.getByTestId('score-technical'));
  });

  it('limits each score to 0..maxScore: an out-of-range score shows the message and nothing is sent', async () => {
    renderPage();
    await screen.findByTestId('score-technical');
    typeScore('technical', '11');
    expect(await screen.findByText('分数须在 0 到 10 之间')).toBeTruthy();
    fireEvent.click(screen.getByTestId('review-save'));
    typeScore('team', '-1');
    expect(await screen.findByText('分数须在 0 到 5 之间')).toBeTruthy();
    fireEvent.click(screen.getByTestId('review-submit'));
    // Let validation settle: still no request, no confirmation dialog.
    await waitFor(() => expect(screen.getAllByText(/分数须在 0 到/)).toHaveLength(2));
    expect(api.PUT).not.toHaveBeenCalled();
    expect(screen.queryByTestId('review-submit-confirm')).toBeNull();

    // The upper bound itself is allowed.
    typeScore('technical', '10');
    typeScore('team', '5');
    await waitFor(() => expect(screen.queryByText(/分数须在 0 到/)).toBeNull());
    fireEvent.click(screen.getByTestId('review-save'));
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(1));
    expect(putCalls()[0]).toEqual({ scores: { technical: 10, team: 5 }, comment: '', submit: false });
  });

  it('saves a draft with criteria left blank, but submits only with every criterion scored, after a confirmation', async () => {
    renderPage();
    await screen.findByTestId('score-technical');
    typeScore('technical', '8');
    fireEvent.change(screen.getByTestId('review-comment'), { target: { value: '方案扎实' } });
    fireEvent.change(screen.getByTestId('review-private-note'), { target: { value: '团队偏小' } });

    fireEvent.click(screen.getByTestId('review-save'));
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(1));
    expect(putCalls()[0]).toEqual({ scores: { technical: 8 }, comment: '方案扎实', privateNote: '团队偏小', submit: false });
    expect(await screen.findByText('草稿已保存')).toBeTruthy();

    fireEvent.click(screen.getByTestId('review-submit'));
    expect(await screen.findByText('提交前须为每项打分')).toBeTruthy();
    expect(screen.queryByTestId('review-submit-confirm')).toBeNull();
    expect(api.PUT).toHaveBeenCalledTimes(1);

    typeScore('team', '4');
    await waitFor(() => expect(screen.queryByText('提交前须为每项打分')).toBeNull());
    fireEvent.click(screen.getByTestId('review-submit'));
    const confirm = await screen.findByTestId('review-submit-confirm');
    expect(screen.getByText('提交后评审即为最终结果，不能再修改或撤回。')).toBeTruthy();
    expect(api.PUT).toHaveBeenCalledTimes(1);
    fireEvent.click(confirm);
    await waitFor(() => expect(api.PUT).toHaveBeenCalledTimes(2));
    expect(putCalls()[1]).toEqual({ scores: { technical: 8, team: 4 }, comment: '方案扎实', privateNote: '团队偏小', submit: true });

    // Submitted is final: the page turns read-only.
    expect(await screen.findByTestId('assignment-readonly')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('review-submit')).toBeNull());
    expect((screen.getByTestId('score-technical') as HTMLInputElement).disabled).toBe(true);
  });

  it('computes the weighted total Σ weight × score / maxScore on 0–100 as the reviewer types', async () => {
    renderPage();
    await screen.findByTestId('score-technical');
    const total = () => screen.getByTestId('review-total-value').textContent;
    expect(total()).toBe('0 / 100');
    typeScore('technical', '8'); // 60 × 8 / 10 = 48
    await waitFor(() => expect(total()).toBe('48 / 100'));
    typeScore('team', '4'); // + 40 × 4 / 5 = 32
    await waitFor(() => expect(total()).toBe('80 / 100'));
    typeScore('team', '3.5'); // + 40 × 3.5 / 5 = 28
    await waitFor(() => expect(total()).toBe('76 / 100'));
    expect(screen.getByTestId('review-total').textContent).toContain('已评 2 / 2 项');
    typeScore('team', '9'); // out of range: left out of the total
    await waitFor(() => expect(total()).toBe('48 / 100'));
    expect(screen.getByTestId('review-total').textContent).toContain('1 项分数超出范围，未计入总分');
  });

  it('puts a server score error beside its criterion and keeps the page usable', async () => {
    api.PUT.mockImplementationOnce(() =>
      Promise.resolve({
        error: {
          code: 'RULE_VIOLATION',
          detail: 'The review breaks a rule.',
          errors: [{ field: 'scores.team', message: 'must be a number from 0 to 5' }],
        },
        response: { ok: false, status: 422, statusText: 'Unprocessable Entity' } as Response,
      }),
    );
    renderPage();
    await screen.findByTestId('score-technical');
    typeScore('technical', '8');
    typeScore('team', '4');
    fireEvent.click(screen.getByTestId('review-save'));
    expect(await screen.findByText('must be a number from 0 to 5')).toBeTruthy();
    expect(within(screen.getByTestId('review-problem')).getByText(/The review breaks a rule\./)).toBeTruthy();
  });
});
