import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** A readable message for an API refusal: the problem's `detail`, its field errors, and the trace id of a 5xx. */
export function ProblemAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const known = api && ['NETWORK', 'UNAUTHENTICATED', 'RATE_LIMITED', 'INTERNAL', 'UNAVAILABLE'].includes(api.code);
  const message = api ? (known ? t(`error.${api.code}`) : api.detail) : String((error as Error)?.message ?? error);
  const description =
    api && (api.fieldErrors.length > 0 || (api.traceId && api.status >= 500)) ? (
      <>
        {api.fieldErrors.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {api.fieldErrors.map((e, i) => (
              <li key={i}>
                <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        )}
        {api.traceId && api.status >= 500 && <div>{t('error.trace', { traceId: api.traceId })}</div>}
      </>
    ) : undefined;
  return <Alert type="error" showIcon role="alert" title={t('error.title')} description={<div data-testid="problem-detail">{message}{description}</div>} style={style} />;
}
