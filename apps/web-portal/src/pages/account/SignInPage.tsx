// Route: /login  (optional ?next=/path to return to after signing in)
// data-testids: login-email, login-password, login-submit, problem-detail (a refusal), login-continue (already signed in).
import LockOutlined from '@ant-design/icons/LockOutlined';
import MailOutlined from '@ant-design/icons/MailOutlined';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { AccountProblem } from './AccountProblem';
import { landingPage, safeNext } from './navigation';

interface SignInValues {
  email: string;
  password: string;
}

export default function SignInPage() {
  const { t } = useTranslation(['account', 'common']);
  const { user, signIn } = useSession();
  const [params] = useSearchParams();
  const next = params.get('next');
  const navigate = useNavigate();
  const [form] = Form.useForm<SignInValues>();
  const login = useMutation({
    mutationFn: (values: SignInValues) => unwrap(challengeApi.POST('/api/v1/auth/login', { body: { email: values.email.trim(), password: values.password } })),
    onSuccess: (session) => {
      signIn(session);
      void navigate(landingPage(session.user.role, next), { replace: true });
    },
  });
  const registerLink = safeNext(next) ? `/register?next=${encodeURIComponent(next!)}` : '/register';

  return (
    <Row justify="center">
      <Col xs={24} sm={20} md={14} lg={10} xl={8}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('signIn.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
          {user && !login.isSuccess && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('signIn.already', { name: user.name, role: t(`common:role.${user.role}`) })}
              action={
                <Button size="small" type="primary" autoInsertSpace={false} onClick={() => void navigate(landingPage(user.role, next))} data-testid="login-continue">
                  {t('signIn.continue')}
                </Button>
              }
            />
          )}
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} onValuesChange={() => login.reset()}>
            <Form.Item
              name="email"
              label={t('signIn.email')}
              rules={[
                { required: true, message: t('common:field.required') },
                { type: 'email', message: t('signIn.emailInvalid') },
              ]}
            >
              <Input prefix={<MailOutlined />} type="email" autoComplete="username" inputMode="email" data-testid="login-email" />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('common:field.required') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            {login.isError && <AccountProblem error={login.error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block size="large" autoInsertSpace={false} loading={login.isPending} data-testid="login-submit">
              {t('signIn.submit')}
            </Button>
          </Form>
          <Space style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">{t('signIn.noAccount')}</Typography.Text>
            <Link to={registerLink}>{t('signIn.register')}</Link>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
