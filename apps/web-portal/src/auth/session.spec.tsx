import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, waitFor } from '@testing-library/react';
import type { MiddlewareCallbackParams } from 'openapi-fetch';
import { authMiddleware, tokenStore } from '../api/client';
import type { Session } from '../api/types';
import { SessionProvider, useSession } from './session';

const session = (token: string, id: string): Session =>
  ({ accessToken: token, expiresIn: 3600, user: { id, email: `${id}@example.com`, name: id, role: 'sme', organizationId: null } }) as Session;

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let api!: ReturnType<typeof useSession>;
  function Probe() {
    api = useSession();
    return null;
  }
  render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Probe />
      </SessionProvider>
    </QueryClientProvider>,
  );
  return { queryClient, api: () => api };
}

const respond = (path: string, status: number) =>
  authMiddleware.onResponse!({
    request: { url: `http://portal.test${path}` },
    response: { status },
  } as unknown as MiddlewareCallbackParams & { response: Response });

describe('the session', () => {
  afterEach(() => {
    tokenStore.write(null);
    localStorage.clear();
  });

  it("drops the previous user's cached answers when another user signs in, and its drafts on sign-out", async () => {
    const { queryClient, api } = setup();
    act(() => api().signIn(session('token-a', 'user-a')));
    queryClient.setQueryData(['sme', 'bids'], ['a sealed bid of user A']);
    localStorage.setItem('jiebang.bidDraft.user-a.c1', '{"summary":"draft"}');
    localStorage.setItem('jiebang.bidDraft.user-b.c1', '{"summary":"other"}');

    act(() => api().signIn(session('token-b', 'user-b')));
    await waitFor(() => expect(api().user?.id).toBe('user-b'));
    expect(queryClient.getQueryData(['sme', 'bids'])).toBeUndefined();

    queryClient.setQueryData(['sme', 'bids'], ['user B']);
    act(() => api().signOut());
    expect(queryClient.getQueryData(['sme', 'bids'])).toBeUndefined();
    expect(localStorage.getItem('jiebang.bidDraft.user-b.c1')).toBeNull();
    expect(localStorage.getItem('jiebang.bidDraft.user-a.c1')).not.toBeNull();
  });

  it('signs out on a 401 from any call but a refused sign-in or registration, expired token included', async () => {
    tokenStore.write('token-a', 3600);
    await respond('/api/v1/auth/login', 401);
    await respond('/api/v1/auth/register', 401);
    expect(tokenStore.read()).toBe('token-a');
    await respond('/api/v1/bids', 403);
    expect(tokenStore.read()).toBe('token-a');
    await respond('/api/v1/bids', 401);
    expect(tokenStore.stored()).toBeNull();

    tokenStore.write('token-old', -1); // expired: read() hides it, the 401 still removes it
    expect(tokenStore.read()).toBeNull();
    await respond('/api/v1/notifications', 401);
    expect(tokenStore.stored()).toBeNull();
  });
});
