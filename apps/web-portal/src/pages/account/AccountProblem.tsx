import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Refusals of the account endpoints said in the user's language; anything else as ProblemAlert shows it. */
const KNOWN: Record<string, string> = {
  INVALID_CREDENTIALS: 'signIn.invalidCredentials',
  EMAIL_TAKEN: 'register.emailTaken',
  ORGANIZATION_EXISTS: 'register.organizationExists',
};

export function AccountProblem({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const { t } = useTranslation(['account', 'common']);
  if (!error) return null;
  const key = error instanceof ApiError ? KNOWN[error.code] : undefined;
  if (!key) return <ProblemAlert error={error} style={style} />;
  return <Alert type="error" showIcon role="alert" title={t('common:error.title')} description={<div data-testid="problem-detail">{t(key)}</div>} style={style} />;
}
