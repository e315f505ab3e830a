import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { tokenStore } from '../../api/client';
import ChallengeDetailPage from './ChallengeDetailPage';
import HallPage from './HallPage';
import ResultPage from './ResultPage';
import { fakeApi, ok, refusal, renderAt, sampleChallenge, signedInAs, users } from './test-support';

const challenge = sampleChallenge();
const CHALLENGE_PATH = `/challenges/${challenge.id}`;

afterEach(() => {
  jest.restoreAllMocks();
  tokenStore.write(null);
});

describe('HallPage', () => {
  it('lists challenges with reward, status and a link each, keeps the search in the URL and loads more by cursor', async () => {
    const second = sampleChallenge({ id: '7a2d4d0f-3c8f-4d2f-8a72-1d7f8e1e7a21', title: 'Machine vision inspection', status: 'awarded', rewardYuan: 500_000 });
    const { get } = fakeApi({
      GET: {
        '/api/v1/challenges': ({ params }) =>
          params?.query?.cursor === 'page-2' ? ok({ items: [second], nextCursor: null }) : ok({ items: [challenge], nextCursor: 'page-2' }),
      },
    });
    renderAt('/', '/?status=published&tag=%E4%BC%BA%E6%9C%8D%E6%8E%A7%E5%88%B6', <HallPage />);

    const item = await screen.findByTestId('hall-item');
    expect(item.getAttribute('data-id')).toBe(challenge.id);
    expect(within(item).getByRole('link', { name: challenge.title }).getAttribute('href')).toBe(CHALLENGE_PATH);
    expect(within(item).getByTestId('hall-item-reward').textContent).toBe('¥1,200,000');
    expect(within(item).getByText('揭榜中')).toBeTruthy();
    expect(within(item).getByTestId('countdown')).toBeTruthy();
    // The filters in the URL reach the API.
    expect(get).toHaveBeenLastCalledWith('/api/v1/challenges', { params: { query: expect.objectContaining({ status: 'published', tag: '伺服控制', limit: 20 }) } });

    fireEvent.click(screen.getByTestId('hall-more'));
    await waitFor(() => expect(screen.getAllByTestId('hall-item')).toHaveLength(2));
    expect(get).toHaveBeenLastCalledWith('/api/v1/challenges', { params: { query: expect.objectContaining({ cursor: 'page-2' }) } });

    const search = screen.getByTestId('hall-search');
    expect(search.tagName).toBe('INPUT');
    expect(screen.getByLabelText('搜索榜单')).toBe(search);
    expect(screen.getByLabelText('行业（GB/T 4754）')).toBe(screen.getByTestId('hall-industry'));
    expect(screen.getByLabelText('能力标签')).toBe(screen.getByTestId('hall-tag'));
    fireEvent.change(search, { target: { value: '伺服 motor' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() =>
      expect(get).toHaveBeenLastCalledWith('/api/v1/challenges', {
        params: { query: expect.objectContaining({ q: '伺服 motor', status: 'published', tag: '伺服控制' }) },
      }),
    );
  });

  it('says so when nothing matches the filters', async () => {
    fakeApi({ GET: { '/api/v1/challenges': () => ok({ items: [], nextCursor: null }) } });
    renderAt('/', '/?q=nothing', <HallPage />);
    expect(await screen.findByText('没有符合条件的榜单')).toBeTruthy();
  });
});

describe('ChallengeDetailPage', () => {
  it('shows the challenge to anyone, with a sign-in link instead of the Q&A and no bid button', async () => {
    fakeApi({ GET: { '/api/v1/challenges/{id}': () => ok(challenge) } });
    renderAt('/challenges/:id', CHALLENGE_PATH, <ChallengeDetailPage />);

    expect((await screen.findByTestId('challenge-title')).textContent).toBe(challenge.title);
    expect(screen.getByTestId('challenge-reward').textContent).toBe('¥1,200,000');
    expect(within(screen.getByTestId('kpi-table')).getByText('定位精度')).toBeTruthy();
    expect(screen.getByText('专精特新中小企业')).toBeTruthy();
    expect(screen.getByText('ISO 9001')).toBeTruthy();
    expect(screen.getByText('小型')).toBeTruthy();
    expect(screen.getByTestId('qa-signin').getAttribute('href')).toBe(`/login?next=${encodeURIComponent(CHALLENGE_PATH)}`);
    expect(screen.queryByTestId('go-bid')).toBeNull();
    expect(screen.queryByTestId('manage-challenge')).toBeNull();
    expect(screen.queryByTestId('result-link')).toBeNull();
  });

  it('lets a signed-in SME bid, read answers (every page of them), see its pending question and ask another', async () => {
    const { post, get } = fakeApi({
      GET: signedInAs(users.sme, {
        '/api/v1/challenges/{id}': () => ok(challenge),
        // Two pages: the Q&A shows the list whole, following nextCursor.
        '/api/v1/challenges/{id}/questions': ({ params }) =>
          params?.query?.cursor === 'qa-2'
            ? ok({ items: [{ id: 'q2', text: '交付地点在哪里？', answer: null, answeredAt: null, createdAt: challenge.publishedAt, mine: true }], nextCursor: null })
            : ok({
                items: [{ id: 'q1', text: '是否接受国产芯片？', answer: '接受。', answeredAt: challenge.publishedAt, createdAt: challenge.publishedAt, mine: false }],
                nextCursor: 'qa-2',
              }),
      }),
      POST: { '/api/v1/challenges/{id}/questions': ({ body }) => ok({ id: 'q3', text: (body as { text: string }).text, answer: null, answeredAt: null, createdAt: challenge.publishedAt, mine: true }, 201) },
    });
    renderAt('/challenges/:id', CHALLENGE_PATH, <ChallengeDetailPage />);

    const bid = await screen.findByTestId('go-bid');
    expect(bid.getAttribute('href')).toBe(`/sme/challenges/${challenge.id}/bid`);
    const questions = await screen.findAllByTestId('qa-item');
    expect(questions.map((q) => q.getAttribute('data-pending'))).toEqual(['false', 'true']);
    expect(within(questions[1]).getByText('待答复')).toBeTruthy();
    expect(get).toHaveBeenCalledWith('/api/v1/challenges/{id}/questions', { params: { path: { id: challenge.id }, query: { limit: 100, cursor: 'qa-2' } } });

    fireEvent.change(screen.getByTestId('ask-question-input'), { target: { value: '  可以分期交付吗？ ' } });
    fireEvent.click(screen.getByTestId('ask-question-submit'));
    expect(await screen.findByTestId('ask-question-success')).toBeTruthy();
    expect(post).toHaveBeenCalledWith('/api/v1/challenges/{id}/questions', { params: { path: { id: challenge.id } }, body: { text: '可以分期交付吗？' } });
  });

  it('offers the owner lead the management page and links an awarded challenge to its result', async () => {
    fakeApi({
      GET: signedInAs(users.lead, {
        '/api/v1/challenges/{id}': () => ok({ ...challenge, status: 'awarded', bidCount: 4 }),
        '/api/v1/challenges/{id}/questions': () => ok({ items: [], nextCursor: null }),
      }),
    });
    renderAt('/challenges/:id', CHALLENGE_PATH, <ChallengeDetailPage />);
    expect((await screen.findByTestId('manage-challenge')).getAttribute('href')).toBe(`/lead/challenges/${challenge.id}`);
    expect(screen.getByTestId('result-link').getAttribute('href')).toBe(`${CHALLENGE_PATH}/result`);
    expect(screen.getByTestId('challenge-bid-count').textContent).toBe('4');
    expect(screen.queryByTestId('go-bid')).toBeNull();
  });

  it('shows the not-found state for an unknown or draft challenge', async () => {
    fakeApi({ GET: { '/api/v1/challenges/{id}': () => refusal(404, { code: 'NOT_FOUND', detail: 'Challenge not found.' }) } });
    renderAt('/challenges/:id', CHALLENGE_PATH, <ChallengeDetailPage />);
    expect(await screen.findByText('页面不存在')).toBeTruthy();
  });
});

describe('ResultPage', () => {
  const winners = [
    { bidId: '9c1b7b8e-5a7d-4a8e-9d1b-1e2f3a4b5c01', organizationName: '厦门某某智能科技有限公司' },
    { bidId: '9c1b7b8e-5a7d-4a8e-9d1b-1e2f3a4b5c02', organizationName: '泉州某某自动化有限公司' },
  ];
  const publicity = { status: 'publicity', winners, publicityEndsAt: new Date(Date.now() + 5 * 86400_000).toISOString(), openObjections: 0 };

  it('says kindly that no result is published before the first award', async () => {
    fakeApi({
      GET: {
        '/api/v1/challenges/{id}': () => ok(challenge),
        '/api/v1/challenges/{id}/result': () => refusal(409, { code: 'INVALID_STATE', detail: 'The challenge is published; there is no result before the first award.' }),
      },
    });
    renderAt('/challenges/:id/result', `${CHALLENGE_PATH}/result`, <ResultPage />);
    expect(await screen.findByText('结果尚未公布')).toBeTruthy();
  });

  it('shows the winners publicly and asks an anonymous visitor to sign in to object', async () => {
    fakeApi({ GET: { '/api/v1/challenges/{id}': () => ok(challenge), '/api/v1/challenges/{id}/result': () => ok(publicity) } });
    renderAt('/challenges/:id/result', `${CHALLENGE_PATH}/result`, <ResultPage />);
    expect((await screen.findByTestId('result-status')).getAttribute('data-status')).toBe('publicity');
    expect(screen.getAllByTestId('result-winner').map((w) => w.textContent)).toEqual(winners.map((w) => w.organizationName));
    expect(screen.getByTestId('result-open-objections').textContent).toBe('0');
    expect(screen.getByTestId('objection-signin')).toBeTruthy();
    expect(screen.queryByTestId('objection-submit')).toBeNull();
  });

  it('files an objection against the whole result and shows it open', async () => {
    const { post } = fakeApi({
      GET: signedInAs(users.reviewer, { '/api/v1/challenges/{id}': () => ok(challenge), '/api/v1/challenges/{id}/result': () => ok(publicity) }),
      POST: { '/api/v1/challenges/{id}/objections': () => ok({ id: 'd7e8f9a0-1111-4222-8333-444455556666', status: 'open' }, 201) },
    });
    renderAt('/challenges/:id/result', `${CHALLENGE_PATH}/result`, <ResultPage />);
    fireEvent.change(await screen.findByTestId('objection-reason'), { target: { value: '中榜单位不符合资质要求' } });
    fireEvent.change(screen.getByTestId('objection-evidence'), { target: { value: '资质证书已过期，见公示网站。' } });
    fireEvent.click(screen.getByTestId('objection-submit'));
    const success = await screen.findByTestId('objection-success');
    expect(success.getAttribute('data-status')).toBe('open');
    expect(post).toHaveBeenCalledWith('/api/v1/challenges/{id}/objections', {
      params: { path: { id: challenge.id } },
      body: { reason: '中榜单位不符合资质要求', evidence: '资质证书已过期，见公示网站。' },
    });
  });

  it('refuses an objection without reason and evidence before calling the server', async () => {
    const { post } = fakeApi({
      GET: signedInAs(users.sme, { '/api/v1/challenges/{id}': () => ok(challenge), '/api/v1/challenges/{id}/result': () => ok(publicity) }),
    });
    renderAt('/challenges/:id/result', `${CHALLENGE_PATH}/result`, <ResultPage />);
    fireEvent.click(await screen.findByTestId('objection-submit'));
    await waitFor(() => expect(screen.getAllByText('必填')).toHaveLength(2));
    expect(post).not.toHaveBeenCalled();
  });
});
