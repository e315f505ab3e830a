import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tokenStore } from '../../api/client';
import type { Notification } from '../../api/types';
import { RequireRole } from '../../components/RequireRole';
import { fakeApi, ok, refusal, renderAt, signedInAs, users } from '../public/test-support';
import NotificationsPage from './NotificationsPage';
import { landingPage, safeNext } from './navigation';
import SignInPage from './SignInPage';

// The root entry of @ant-design/icons (used by the notification bell's module) loads an ES-only file Jest cannot
// require; the page under test needs no real icon from it.
jest.mock('@ant-design/icons', () => ({ BellOutlined: () => null }));

afterEach(() => {
  jest.restoreAllMocks();
  tokenStore.write(null);
});

describe('where signing in leads', () => {
  it('goes to ?next= inside the portal, else to the role home', () => {
    expect(landingPage('lead', null)).toBe('/lead/challenges');
    expect(landingPage('sme', undefined)).toBe('/sme/recommendations');
    expect(landingPage('reviewer', '')).toBe('/reviewer/assignments');
    expect(landingPage('admin', null)).toBe('/admin/reviewers');
    expect(landingPage('sme', '/challenges/abc?x=1')).toBe('/challenges/abc?x=1');
    expect(safeNext('//evil.example/')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('/login?next=/x')).toBeNull();
    // URL parsing drops tabs and newlines: "/\t/evil.example" would become "//evil.example".
    expect(safeNext('/\t/evil.example')).toBeNull();
    expect(safeNext(decodeURIComponent('%2F%09%2Fevil.example'))).toBeNull();
    expect(safeNext('/\n/evil.example')).toBeNull();
  });
});

describe('SignInPage', () => {
  const fill = () => {
    fireEvent.change(screen.getByLabelText('邮箱'), { target: { value: 'sme@example.com' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByTestId('login-submit'));
  };

  it('says wrong credentials and too many attempts readably', async () => {
    fakeApi({
      POST: {},
    }).post.mockImplementationOnce((async () => refusal(401, { code: 'INVALID_CREDENTIALS', detail: 'Email or password is wrong.' })) as never)
      .mockImplementationOnce((async () => refusal(429, { code: 'RATE_LIMITED', detail: 'Too many requests.' })) as never);
    renderAt('/login', '/login', <SignInPage />);
    fill();
    expect((await screen.findByTestId('problem-detail')).textContent).toBe('邮箱或密码不正确。');
    fireEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(screen.getByTestId('problem-detail').textContent).toBe('操作过于频繁，请稍后再试。'));
  });

  it('signs in and returns to ?next=', async () => {
    const { post } = fakeApi({
      GET: { '/api/v1/auth/me': () => ok({ user: users.sme }) },
      POST: { '/api/v1/auth/login': () => ok({ user: users.sme, accessToken: 'token-1', expiresIn: 3600 }) },
    });
    renderAt('/login', `/login?next=${encodeURIComponent('/challenges/6f1c3c9e-2b7e-4c1e-9f61-0c6f7e0d6f10')}`, <SignInPage />);
    fill();
    expect((await screen.findByTestId('landed')).textContent).toBe('/challenges/6f1c3c9e-2b7e-4c1e-9f61-0c6f7e0d6f10');
    expect(post).toHaveBeenCalledWith('/api/v1/auth/login', { body: { email: 'sme@example.com', password: 'correct horse battery' } });
    expect(tokenStore.read()).toBe('token-1');
  });

  it('sends a lead to its challenges without ?next=', async () => {
    fakeApi({ POST: { '/api/v1/auth/login': () => ok({ user: users.lead, accessToken: 'token-2', expiresIn: 3600 }) } });
    renderAt('/login', '/login', <SignInPage />);
    fill();
    expect((await screen.findByTestId('landed')).textContent).toBe('/lead/challenges');
  });
});

describe('NotificationsPage', () => {
  const challengeId = '6f1c3c9e-2b7e-4c1e-9f61-0c6f7e0d6f10';
  const notifications: Notification[] = [
    { id: 'n1', type: 'challenge.matched', challengeId, bidId: null, message: '新榜单与您的能力匹配', createdAt: new Date().toISOString(), readAt: null },
    { id: 'n2', type: 'challenge.addendum', challengeId, bidId: null, message: '榜单发布了补充公告', createdAt: new Date().toISOString(), readAt: new Date().toISOString() },
  ];

  it('emphasizes unread notifications, marks one read and opens its target', async () => {
    const { post } = fakeApi({
      GET: signedInAs(users.sme, { '/api/v1/notifications': () => ok({ items: notifications, nextCursor: null }) }),
      POST: { '/api/v1/notifications/{id}/read': ({ params }) => ok({ ...notifications[0], id: params?.path?.id, readAt: new Date().toISOString() }) },
    });
    renderAt(
      '/notifications',
      '/notifications',
      <RequireRole roles={['lead', 'sme', 'reviewer', 'admin']}>
        <NotificationsPage />
      </RequireRole>,
    );

    const items = await screen.findAllByTestId('notification-item');
    expect(items.map((i) => i.getAttribute('data-read'))).toEqual(['false', 'true']);
    expect(within(items[0]).getByText('榜单推荐')).toBeTruthy();
    expect(within(items[1]).queryByTestId('notification-mark-read')).toBeNull();

    fireEvent.click(within(items[0]).getByTestId('notification-mark-read'));
    await waitFor(() => expect(post).toHaveBeenCalledWith('/api/v1/notifications/{id}/read', { params: { path: { id: 'n1' } } }));

    fireEvent.click(within(items[1]).getByTestId('notification-link'));
    expect((await screen.findByTestId('landed')).textContent).toBe(`/challenges/${challengeId}`);
  });
});
