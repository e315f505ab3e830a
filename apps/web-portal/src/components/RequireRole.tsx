import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useSession } from '../auth/session';

/** Shows its children only to a signed-in user with one of `roles`; otherwise a sign-in prompt or a 403 page. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (user === null) {
    return (
      <Result
        status="403"
        title={t('state.signInRequired')}
        extra={
          <Link to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
            <Button type="primary">{t('nav.signIn')}</Button>
          </Link>
        }
      />
    );
  }
  if (!roles.includes(user.role)) {
    return <Result status="403" title={t('state.forbidden')} subTitle={t('state.forbiddenDetail', { roles: roles.map((r) => t(`role.${r}`)).join(' / ') })} />;
  }
  return <>{children}</>;
}
