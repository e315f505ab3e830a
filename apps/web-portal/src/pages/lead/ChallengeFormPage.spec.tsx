import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import dayjs from 'dayjs';
import { MemoryRouter, Route, Routes } from 'react-router';
import { challengeApi } from '../../api/client';
import type { Challenge, CreateChallenge } from '../../api/types';
import { SessionProvider } from '../../auth/session';
import ChallengeFormPage from './ChallengeFormPage';

// The typed client is replaced; unwrap and ApiError stay real.
jest.mock('../../api/client', () => {
  const actual = jest.requireActual('../../api/client');
  return { ...actual, challengeApi: { GET: jest.fn(), POST: jest.fn(), PATCH: jest.fn(), use: jest.fn() } };
});

const api = challengeApi as unknown as { GET: jest.Mock; POST: jest.Mock; PATCH: jest.Mock };
const DEADLINE = '2030-06-30 17:00:00'; // the form's format: YYYY-MM-DD HH:mm:ss

function created(body: CreateChallenge): Challenge {
  return {
    id: '0b5c1a52-51f4-4a4e-9a53-6f0b1b1c2d3e',
    status: 'draft',
    version: 1,
    title: body.title,
    description: body.description,
    industry: body.industry ?? null,
    tags: body.tags ?? [],
    kpis: (body.kpis ?? []).map((k, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, name: k.name, target: k.target, unit: k.unit ?? null, mandatory: k.mandatory })),
    rewardYuan: body.rewardYuan,
    eligibility: body.eligibility ?? {},
    bidDeadline: body.bidDeadline,
    maxWinners: body.maxWinners,
    shortlistSize: body.shortlistSize,
    passingScore: body.passingScore,
    scorecard: { criteria: body.scorecard!.criteria },
    review: { reviewersPerBid: body.review!.reviewersPerBid, blind: body.review!.blind },
    organizationId: '7d0c9a7e-1c2b-4d3e-8f4a-5b6c7d8e9f00',
    organizationName: '福州某某精密电机有限公司',
    publishedAt: null,
    closedAt: null,
    bidCount: null,
    addenda: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { gcTime: Infinity } } });
  render(
    <AntApp>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <MemoryRouter initialEntries={['/lead/challenges/new']}>
            <Routes>
              <Route path="/lead/challenges/new" element={<ChallengeFormPage />} />
              <Route path="/lead/challenges/:id/edit" element={<ChallengeFormPage />} />
              <Route path="/lead/challenges/:id" element={<div>management page</div>} />
            </Routes>
          </MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </AntApp>,
  );
  return queryClient;
}

function type(label: string, value: string) {
  const input = screen.getByLabelText(label);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
}

async function fillRequiredFields() {
  type('榜单名称', '高精度伺服电机控制器');
  type('需求描述', '研制定位精度优于 0.01 mm 的伺服电机控制器。');
  type('KPI 1 名称', '定位精度');
  type('KPI 1 目标值', '≤0.01');
  type('奖励金额（元）', '2000000');
  const deadline = screen.getByLabelText('揭榜截止时间');
  fireEvent.mouseDown(deadline);
  fireEvent.focus(deadline);
  fireEvent.change(deadline, { target: { value: DEADLINE } });
  fireEvent.keyDown(deadline, { key: 'Enter', code: 'Enter' });
  fireEvent.blur(deadline);
  await waitFor(() => expect((screen.getByLabelText('揭榜截止时间') as HTMLInputElement).value).toBe(DEADLINE));
}

describe('ChallengeFormPage: the scorecard weights rule', () => {
  const consoleError = console.error;
  beforeAll(() => {
    // jsdom has no layout: Ant Design's auto-sized text areas measure a NaN height. Everything else still reports.
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      const text = args.map(String).join(' ');
      if (text.includes('is an invalid value for the') && text.includes('NaN') && text.includes('height')) return;
      consoleError(...args);
    });
  });
  afterAll(() => jest.restoreAllMocks());

  beforeEach(() => {
    api.GET.mockReset();
    api.PATCH.mockReset();
    api.POST.mockReset();
    api.POST.mockImplementation(async (_path: string, options: { body: CreateChallenge }) => ({
      data: created(options.body),
      response: { ok: true, status: 201, statusText: 'Created' },
    }));
  });

  it('shows the live total, refuses weights that do not sum to 100 and sends nothing, then creates once they do', async () => {
    renderPage();
    const total = await screen.findByTestId('challenge-weights-total');
    // The default scorecard: 技术方案 40 / 团队能力 20 / 报价 20 / 工期 20.
    expect(total.textContent).toContain('100 / 100');
    await fillRequiredFields();

    type('评分项 1 权重', '30');
    await waitFor(() => expect(screen.getByTestId('challenge-weights-total').textContent).toContain('90 / 100'));
    expect(await screen.findByText('各项权重之和须为 100（当前为 90）')).toBeTruthy();

    fireEvent.click(screen.getByTestId('challenge-form-save'));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    expect(screen.getByText('各项权重之和须为 100（当前为 90）')).toBeTruthy();
    expect(api.POST).not.toHaveBeenCalled();
    expect(api.PATCH).not.toHaveBeenCalled();

    type('评分项 1 权重', '40');
    await waitFor(() => expect(screen.getByTestId('challenge-weights-total').textContent).toContain('100 / 100'));
    await waitFor(() => expect(screen.queryByText('各项权重之和须为 100（当前为 90）')).toBeNull());

    // A double click creates one challenge.
    fireEvent.click(screen.getByTestId('challenge-form-save'));
    fireEvent.click(screen.getByTestId('challenge-form-save'));
    await waitFor(() => expect(api.POST).toHaveBeenCalledTimes(1));
    const [path, options] = api.POST.mock.calls[0] as [string, { body: CreateChallenge; params: { header: Record<string, string> } }];
    expect(path).toBe('/api/v1/challenges');
    expect(options.params.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    const weights = options.body.scorecard!.criteria.map((c) => c.weight);
    expect(weights).toEqual([40, 20, 20, 20]);
    expect(options.body.title).toBe('高精度伺服电机控制器');
    expect(options.body.rewardYuan).toBe(2000000);
    expect(options.body.kpis).toEqual([{ name: '定位精度', target: '≤0.01', mandatory: true }]);
    expect(options.body.bidDeadline).toBe(dayjs(DEADLINE).toDate().toISOString());
    expect(options.body.review).toEqual({ reviewersPerBid: 3, blind: true });
    expect(await screen.findByText('编辑榜单草稿')).toBeTruthy();
    expect(api.PATCH).not.toHaveBeenCalled();
  });
});
