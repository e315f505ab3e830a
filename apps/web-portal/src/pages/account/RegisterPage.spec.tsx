import { makeCreditCode } from '@jiebang/credit-code';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { challengeApi } from '../../api/client';
import type { Problem } from '../../api/types';
import { SessionProvider } from '../../auth/session';
import RegisterPage from './RegisterPage';

function Landed() {
  const location = useLocation();
  return <div data-testid="landed">{location.pathname}</div>;
}

function renderPage(path = '/register') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/register" element={<RegisterPage />} />
            <Route path="*" element={<Landed />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

/** What openapi-fetch resolves with for a problem+json refusal. */
function refusal(status: number, problem: Partial<Problem>) {
  return { error: { type: 'about:blank', title: 'Refused', status, traceId: 'trace-1', ...problem }, response: { ok: false, status, statusText: 'Refused' } as Response };
}

/** The Form.Item (label, control and its messages) a control belongs to. */
const formItemOf = (element: HTMLElement) => element.closest('.ant-form-item') as HTMLElement;

const CHECK_CHARACTER = '校验位不正确，请核对';

describe('RegisterPage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    localStorage.clear();
  });

  it('checks the credit code as it is typed: a wrong check character shows the message, a valid code none', async () => {
    renderPage();
    const user = userEvent.setup();
    const input = screen.getByLabelText('统一社会信用代码') as HTMLInputElement;
    const valid = makeCreditCode(4242);
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');

    // Part way through, the length is what is wrong.
    await user.type(input, wrong.slice(0, 10));
    expect(await screen.findByText('统一社会信用代码为 18 位（当前 10 位）')).toBeTruthy();

    // The last character typed completes a code whose check character is wrong: said at once, no submit needed.
    await user.type(input, wrong.slice(10));
    expect(await screen.findByText(CHECK_CHARACTER)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');

    // A valid code typed in lower case is upper-cased and accepted: no message left.
    await user.clear(input);
    await user.type(input, valid.toLowerCase());
    expect(input.value).toBe(valid);
    await waitFor(() => expect(formItemOf(input).querySelector('.ant-form-item-explain-error')).toBeNull());
    expect(screen.queryByText(CHECK_CHARACTER)).toBeNull();
    expect(input.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('shows a 409 ORGANIZATION_EXISTS beside the credit code field', async () => {
    const post = jest.spyOn(challengeApi, 'POST').mockImplementation((async () =>
      refusal(409, { code: 'ORGANIZATION_EXISTS', detail: 'An organization with this credit code already exists.' })) as never);
    renderPage();
    const code = makeCreditCode(777);

    fireEvent.change(screen.getByLabelText('邮箱'), { target: { value: 'sme@example.com' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '李娜' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'correct horse battery' } });
    fireEvent.change(screen.getByLabelText('企业名称'), { target: { value: '福州某某精密电机有限公司' } });
    fireEvent.change(screen.getByLabelText('统一社会信用代码'), { target: { value: code.toLowerCase() } });
    fireEvent.change(screen.getByLabelText('所在地区代码'), { target: { value: '350100' } });
    fireEvent.click(screen.getByRole('radio', { name: '小型' }));
    await act(async () => {
      fireEvent.click(screen.getByTestId('register-submit'));
    });

    const message = await screen.findByText('该统一社会信用代码已有企业注册（或已由平台导入）。');
    expect(formItemOf(message)).toBe(formItemOf(screen.getByLabelText('统一社会信用代码')));
    expect(post).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith('/api/v1/auth/register', {
      body: {
        email: 'sme@example.com',
        password: 'correct horse battery',
        name: '李娜',
        role: 'sme',
        organization: { name: '福州某某精密电机有限公司', creditCode: code, region: '350100', size: 'small' },
      },
    });
    expect(screen.queryByTestId('landed')).toBeNull();
  });

  it('places 400 field errors beside their fields and says a taken email beside the email', async () => {
    const post = jest
      .spyOn(challengeApi, 'POST')
      .mockImplementationOnce((async () =>
        refusal(400, { code: 'VALIDATION_FAILED', detail: 'The request is not valid.', errors: [{ field: 'reviewer.expertise', message: 'each value in expertise must be shorter than or equal to 100 characters' }] })) as never)
      .mockImplementationOnce((async () => refusal(409, { code: 'EMAIL_TAKEN', detail: 'An account with this email already exists.' })) as never);
    renderPage('/register?role=reviewer');

    expect(screen.getByTestId('register-reviewer-pending').textContent).toContain('待审核');
    fireEvent.change(screen.getByLabelText('邮箱'), { target: { value: 'expert@example.com' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '王强' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'correct horse battery' } });
    const expertise = screen.getByLabelText('专业领域');
    fireEvent.change(expertise, { target: { value: '伺服控制' } });
    fireEvent.keyDown(expertise, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await act(async () => {
      fireEvent.click(screen.getByTestId('register-submit'));
    });

    const fieldMessage = await screen.findByText('each value in expertise must be shorter than or equal to 100 characters');
    expect(formItemOf(fieldMessage)).toBe(formItemOf(expertise));
    expect(post).toHaveBeenLastCalledWith('/api/v1/auth/register', {
      body: { email: 'expert@example.com', password: 'correct horse battery', name: '王强', role: 'reviewer', reviewer: { expertise: ['伺服控制'], affiliations: [] } },
    });

    await act(async () => {
      fireEvent.click(screen.getByTestId('register-submit'));
    });
    const taken = await screen.findByText('该邮箱已注册，请直接登录。');
    expect(formItemOf(taken)).toBe(formItemOf(screen.getByLabelText('邮箱')));
  });
});
