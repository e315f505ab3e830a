// Route: /register  (optional ?role=lead|sme|reviewer to preselect, ?next=/path to return to)
// data-testids: register-role, register-email, register-password, register-name, register-org-name,
//   register-credit-code, register-region, register-size, register-expertise, register-affiliations,
//   register-reviewer-pending, register-submit, problem-detail (a refusal no field carries).
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Divider, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, challengeApi, unwrap } from '../../api/client';
import type { RegisterBody } from '../../api/types';
import { useSession } from '../../auth/session';
import { applyFieldErrors } from '../../components/formErrors';
import { creditCodeInputProblem } from '../../rules/form-rules';
import { ruleOf } from '../../rules/validator';
import { AccountProblem } from './AccountProblem';
import { landingPage, safeNext } from './navigation';

type RegisterRole = RegisterBody['role'];
type Size = NonNullable<RegisterBody['organization']>['size'];

const ROLES: RegisterRole[] = ['lead', 'sme', 'reviewer'];
const SIZES: Size[] = ['micro', 'small', 'medium', 'large'];

interface RegisterValues {
  role: RegisterRole;
  email: string;
  password: string;
  name: string;
  organization?: { name: string; creditCode: string; region: string; size: Size };
  reviewer?: { expertise: string[]; affiliations: string[] };
}

/** Upper-case, no spaces: how a credit code is written. */
const normalizeCreditCode = (value: string | undefined) => (value ?? '').replace(/\s+/g, '').toUpperCase();

/** Tags input values trimmed, without empties and duplicates (upper-cased for credit codes). */
const normalizeTags = (upper: boolean) => (values: string[] | undefined) => {
  const out: string[] = [];
  for (const raw of values ?? []) {
    const value = upper ? normalizeCreditCode(raw) : raw.trim();
    if (value && !out.includes(value)) out.push(value);
  }
  return out;
};

/** The request body for the chosen role: an organization for lead/sme, expertise and affiliations for a reviewer. */
export function registerBody(values: RegisterValues): RegisterBody {
  const base = { email: values.email.trim(), password: values.password, name: values.name.trim(), role: values.role };
  if (values.role === 'reviewer') {
    return { ...base, reviewer: { expertise: values.reviewer?.expertise ?? [], affiliations: values.reviewer?.affiliations ?? [] } };
  }
  const org = values.organization!;
  return { ...base, organization: { name: org.name.trim(), creditCode: normalizeCreditCode(org.creditCode), region: org.region.trim(), size: org.size } };
}

export default function RegisterPage() {
  const { t } = useTranslation(['account', 'common']);
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const preselected = params.get('role') as RegisterRole | null;
  const [form] = Form.useForm<RegisterValues>();
  const role: RegisterRole = Form.useWatch('role', form) ?? (preselected && ROLES.includes(preselected) ? preselected : 'sme');
  // A refusal no field shows (the field-level ones are placed beside their fields).
  const [alertError, setAlertError] = useState<unknown>(null);

  const register = useMutation({
    mutationFn: (body: RegisterBody) => unwrap(challengeApi.POST('/api/v1/auth/register', { body })),
    onSuccess: (session) => {
      signIn(session);
      void navigate(landingPage(session.user.role, next), { replace: true });
    },
    onError: (error) => {
      const code = error instanceof ApiError ? error.code : null;
      if (code === 'EMAIL_TAKEN') {
        form.setFields([{ name: 'email', errors: [t('register.emailTaken')] }]);
        form.scrollToField('email');
        setAlertError(null);
      } else if (code === 'ORGANIZATION_EXISTS' && form.getFieldInstance(['organization', 'creditCode'])) {
        form.setFields([{ name: ['organization', 'creditCode'], errors: [t('register.organizationExists')] }]);
        form.scrollToField(['organization', 'creditCode']);
        setAlertError(null);
      } else {
        const unplaced = applyFieldErrors(form, error);
        const placedAll = error instanceof ApiError && error.fieldErrors.length > 0 && unplaced.length === 0;
        setAlertError(placedAll ? null : error);
      }
    },
  });

  const signInLink = safeNext(next) ? `/login?next=${encodeURIComponent(next!)}` : '/login';

  return (
    <Row justify="center">
      <Col xs={24} md={20} lg={14} xl={12}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('register.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('register.subtitle')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            scrollToFirstError
            initialValues={{ role, reviewer: { expertise: [], affiliations: [] } }}
            onFinish={(values) => {
              setAlertError(null);
              register.mutate(registerBody({ ...values, role }));
            }}
          >
            <Form.Item name="role" label={t('register.role')} extra={t(`register.roleHelp.${role}`)}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                data-testid="register-role"
                aria-label={t('register.role')}
                options={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
              />
            </Form.Item>

            <Divider titlePlacement="start">{t('register.account')}</Divider>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="email"
                  label={t('register.email')}
                  rules={[
                    { required: true, message: t('common:field.required') },
                    { type: 'email', message: t('register.emailInvalid') },
                    { max: 254, message: t('common:field.tooLong', { max: 254 }) },
                  ]}
                >
                  <Input type="email" autoComplete="email" inputMode="email" data-testid="register-email" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="name"
                  label={t('register.name')}
                  rules={[
                    { required: true, whitespace: true, message: t('common:field.required') },
                    { max: 100, message: t('common:field.tooLong', { max: 100 }) },
                  ]}
                >
                  <Input autoComplete="name" data-testid="register-name" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="password"
                  label={t('register.password')}
                  extra={t('register.passwordHelp')}
                  rules={[
                    { required: true, message: t('common:field.required') },
                    { min: 10, max: 128, message: t('register.passwordLength') },
                  ]}
                >
                  <Input.Password autoComplete="new-password" data-testid="register-password" />
                </Form.Item>
              </Col>
            </Row>

            {role === 'reviewer' ? (
              <>
                <Divider titlePlacement="start">{t('register.reviewer')}</Divider>
                <Alert type="info" showIcon title={t('register.reviewerPending')} style={{ marginBottom: 16 }} data-testid="register-reviewer-pending" />
                <Form.Item
                  name={['reviewer', 'expertise']}
                  label={t('register.expertise')}
                  extra={t('register.expertiseHelp')}
                  normalize={normalizeTags(false)}
                  rules={[
                    { required: true, type: 'array', min: 1, message: t('register.expertiseRequired') },
                    { type: 'array', max: 30, message: t('common:field.tooLong', { max: 30 }) },
                  ]}
                >
                  <Select mode="tags" suffixIcon={null} notFoundContent={null} tokenSeparators={[',', '，', ';', '；', '、']} data-testid="register-expertise" />
                </Form.Item>
                <Form.Item
                  name={['reviewer', 'affiliations']}
                  label={t('register.affiliations')}
                  extra={t('register.affiliationsHelp')}
                  normalize={normalizeTags(true)}
                  validateTrigger="onChange"
                  rules={[
                    {
                      validator: async (_rule: unknown, codes: string[] | undefined) => {
                        for (const code of codes ?? []) {
                          const problem = creditCodeInputProblem(code);
                          if (problem) throw new Error(t('register.affiliationInvalid', { code, problem: t(problem.key, problem.values ?? {}) }));
                        }
                      },
                    },
                  ]}
                >
                  <Select mode="tags" suffixIcon={null} notFoundContent={null} tokenSeparators={[',', '，', ';', '；', ' ', '、']} data-testid="register-affiliations" />
                </Form.Item>
              </>
            ) : (
              <>
                <Divider titlePlacement="start">{t('register.organization')}</Divider>
                <Row gutter={16}>
                  <Col xs={24}>
                    <Form.Item
                      name={['organization', 'name']}
                      label={t('register.orgName')}
                      rules={[
                        { required: true, whitespace: true, message: t('common:field.required') },
                        { max: 200, message: t('common:field.tooLong', { max: 200 }) },
                      ]}
                    >
                      <Input autoComplete="organization" data-testid="register-org-name" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={['organization', 'creditCode']}
                      label={t('register.creditCode')}
                      extra={t('register.creditCodeHelp')}
                      validateTrigger="onChange"
                      normalize={normalizeCreditCode}
                      required
                      hasFeedback
                      rules={[ruleOf(t, creditCodeInputProblem)]}
                    >
                      <Input autoComplete="off" spellCheck={false} data-testid="register-credit-code" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={['organization', 'region']}
                      label={t('register.region')}
                      extra={t('register.regionHelp')}
                      rules={[
                        { required: true, message: t('common:field.required') },
                        { pattern: /^\d{6}$/, message: t('register.regionInvalid') },
                      ]}
                    >
                      <Input inputMode="numeric" maxLength={6} autoComplete="off" data-testid="register-region" />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name={['organization', 'size']} label={t('register.size')} rules={[{ required: true, message: t('register.sizeRequired') }]}>
                      <Radio.Group
                        data-testid="register-size"
                        aria-label={t('register.size')}
                        options={SIZES.map((s) => ({ value: s, label: t(`common:size.${s}`) }))}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </>
            )}

            {alertError ? <AccountProblem error={alertError} style={{ marginBottom: 16 }} /> : null}
            <Button type="primary" htmlType="submit" block size="large" autoInsertSpace={false} loading={register.isPending} data-testid="register-submit">
              {t('register.submit')}
            </Button>
          </Form>
          <Space style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">{t('register.haveAccount')}</Typography.Text>
            <Link to={signInLink}>{t('register.signIn')}</Link>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
