/** Helpers for the component tests of the public and account pages: providers, a fake API, sample objects. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { challengeApi, tokenStore } from '../../api/client';
import type { Challenge, Problem, User } from '../../api/types';
import { SessionProvider } from '../../auth/session';

type Handler = (init: { params?: { path?: Record<string, string>; query?: Record<string, unknown> }; body?: unknown }) => unknown;

/** openapi-fetch's answer for a successful call. */
export function ok(data: unknown, status = 200) {
  return { data, response: { ok: true, status, statusText: 'OK' } as Response };
}

/** openapi-fetch's answer for a problem+json refusal. */
export function refusal(status: number, problem: Partial<Problem>) {
  return { error: { type: 'about:blank', title: 'Refused', status, traceId: 'trace-1', ...problem }, response: { ok: false, status, statusText: 'Refused' } as Response };
}

/**
 * Replaces challengeApi's GET and POST with handlers keyed by the OpenAPI path; an unhandled path is a 404.
 * Returns the two Jest mocks to inspect the calls.
 */
export function fakeApi(handlers: { GET?: Record<string, Handler>; POST?: Record<string, Handler> }) {
  const answer = (table: Record<string, Handler> | undefined) =>
    (async (path: string, init: Parameters<Handler>[0] = {}) => {
      const handler = table?.[path];
      return handler ? handler(init) : refusal(404, { code: 'NOT_FOUND', detail: `${path} not found.` });
    }) as never;
  const get = jest.spyOn(challengeApi, 'GET').mockImplementation(answer(handlers.GET));
  const post = jest.spyOn(challengeApi, 'POST').mockImplementation(answer(handlers.POST));
  return { get, post };
}

/** Signs `user` in as the SessionProvider finds it: a token in storage and `GET /auth/me` answering with the user. */
export function signedInAs(user: User, handlers: Record<string, Handler> = {}): Record<string, Handler> {
  tokenStore.write('test-token', 3600);
  return { ...handlers, '/api/v1/auth/me': () => ok({ user }) };
}

function Landed() {
  const location = useLocation();
  return (
    <div data-testid="landed">
      {location.pathname}
      {location.search}
    </div>
  );
}

/** Renders `element` at `path` (matching `route`) inside the providers the pages need; other routes show where they landed. */
export function renderAt(route: string, path: string, element: ReactNode) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={element} />
            <Route path="*" element={<Landed />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

export const LEAD_ORG = '0b0d8c1e-4d7a-4f7e-9a55-2f1f3c9d0a01';

export const users: Record<'sme' | 'lead' | 'reviewer' | 'admin', User> = {
  sme: { id: '11111111-1111-4111-8111-111111111111', email: 'sme@example.com', name: '李娜', role: 'sme', organizationId: '22222222-2222-4222-8222-222222222222' },
  lead: { id: '33333333-3333-4333-8333-333333333333', email: 'lead@example.com', name: '张伟', role: 'lead', organizationId: LEAD_ORG },
  reviewer: { id: '44444444-4444-4444-8444-444444444444', email: 'expert@example.com', name: '王强', role: 'reviewer', organizationId: null },
  admin: { id: '55555555-5555-4555-8555-555555555555', email: 'admin@example.com', name: 'Admin', role: 'admin', organizationId: null },
};

export function sampleChallenge(overrides: Partial<Challenge> = {}): Challenge {
  return {
    id: '6f1c3c9e-2b7e-4c1e-9f61-0c6f7e0d6f10',
    status: 'published',
    version: 2,
    title: '高精度伺服电机控制器',
    description: '研制定位精度优于 0.01 mm 的伺服电机控制器。',
    industry: 'C38',
    tags: ['伺服控制', '运动控制'],
    kpis: [
      { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: '定位精度', target: '≤0.01', unit: 'mm', mandatory: true },
      { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: '响应时间', target: '≤5', unit: null, mandatory: false },
    ],
    rewardYuan: 1_200_000,
    eligibility: { regions: ['35'], sizes: ['small', 'medium'], certifications: ['specialized-sme', 'ISO 9001'] },
    bidDeadline: new Date(Date.now() + 3 * 86400_000).toISOString(),
    maxWinners: 1,
    shortlistSize: 3,
    passingScore: 60,
    scorecard: {
      criteria: [
        { key: 'technical', name: '技术方案', weight: 60, maxScore: 10 },
        { key: 'team', name: '团队能力', weight: 40, maxScore: 10 },
      ],
    },
    review: { reviewersPerBid: 3, blind: true },
    organizationId: LEAD_ORG,
    organizationName: '福建某龙头装备集团',
    publishedAt: new Date(Date.now() - 86400_000).toISOString(),
    closedAt: null,
    bidCount: null,
    addenda: [],
    createdAt: new Date(Date.now() - 2 * 86400_000).toISOString(),
    updatedAt: new Date(Date.now() - 86400_000).toISOString(),
    ...overrides,
  };
}
