/** The server's refusal of a bid submission or amendment (data-testids: bid-submit-error (data-code), bid-reload). */
import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import type { FieldError } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { EligibilityReasons } from './shared';

/** The server's refusal of a submission or amendment, in words the SME can act on. */
export function SubmitError({ error, unplaced, version, onReload }: { error: unknown; unplaced: FieldError[]; version?: number; onReload: () => Promise<void> }) {
  const { t } = useTranslation('sme');
  const [reloading, setReloading] = useState(false);
  const code = error instanceof ApiError ? error.code : 'UNKNOWN';
  const wrap = (node: ReactNode) => (
    <div data-testid="bid-submit-error" data-code={code} style={{ marginBottom: 16 }}>
      {node}
    </div>
  );
  if (!(error instanceof ApiError)) return wrap(<ProblemAlert error={error} />);
  switch (error.code) {
    case 'NOT_ELIGIBLE':
      return wrap(
        <Alert
          type="error"
          showIcon
          title={t('errors.notEligible')}
          description={<EligibilityReasons reasons={error.fieldErrors.map((e) => ({ rule: e.field, message: e.message }))} />}
        />,
      );
    case 'BIDDING_CLOSED':
      return wrap(<Alert type="error" showIcon title={t('errors.biddingClosed')} description={t('errors.biddingClosedDetail')} />);
    case 'BID_EXISTS':
      return wrap(
        <Alert
          type="warning"
          showIcon
          title={t('errors.bidExists')}
          description={t('errors.bidExistsDetail')}
          action={<Link to="/sme/bids">{t('errors.toMyBids')}</Link>}
        />,
      );
    case 'VERSION_CONFLICT':
      return wrap(
        <Alert
          type="warning"
          showIcon
          title={t('errors.versionConflict')}
          description={t('errors.versionConflictDetail', { version: version ?? '?' })}
          action={
            <Button
              size="small"
              loading={reloading}
              data-testid="bid-reload"
              onClick={() => {
                setReloading(true);
                void onReload().finally(() => setReloading(false));
              }}
            >
              {t('errors.reload')}
            </Button>
          }
        />,
      );
    case 'RULE_VIOLATION':
    case 'VALIDATION_FAILED':
      return wrap(
        <Alert
          type="error"
          showIcon
          title={t('errors.ruleViolation')}
          description={
            <>
              <div>{error.detail}</div>
              {unplaced.length > 0 && (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {unplaced.map((e, i) => (
                    <li key={i}>
                      <code>{e.field}</code>: {e.message}
                    </li>
                  ))}
                </ul>
              )}
              {unplaced.length < error.fieldErrors.length && <div>{t('errors.seeFields')}</div>}
            </>
          }
        />,
      );
    case 'IDEMPOTENCY_IN_PROGRESS':
      return wrap(<Alert type="info" showIcon title={t('errors.inProgress')} />);
    case 'NOT_FOUND':
      return wrap(<Alert type="error" showIcon title={t('errors.notOpen')} description={error.detail} />);
    default:
      return wrap(<ProblemAlert error={error} />);
  }
}
