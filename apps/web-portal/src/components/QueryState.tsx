import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

/**
 * Loading, error and empty states of a query, then its data. `isEmpty` decides emptiness (default: an empty
 * `items` list or array); a 404 shows the not-found page.
 */
export function QueryState<T>({
  query,
  children,
  isEmpty,
  empty,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active aria-busy="true" aria-label={t('state.loading')} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <NotFound />;
    return (
      <div>
        <ProblemAlert error={query.error} />
        <Button style={{ marginTop: 12 }} onClick={() => void query.refetch()}>
          {t('action.retry')}
        </Button>
      </div>
    );
  }
  const data = query.data as T;
  const emptyNow = isEmpty ? isEmpty(data) : defaultEmpty(data);
  if (emptyNow) return <>{empty ?? <Empty description={t('state.empty')} />}</>;
  return <>{children(data)}</>;
}

function defaultEmpty(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0;
  if (data && typeof data === 'object' && 'items' in data && Array.isArray((data as { items: unknown[] }).items)) {
    return (data as { items: unknown[] }).items.length === 0;
  }
  return false;
}

export function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('state.notFound')} subTitle={t('state.notFoundDetail')} />;
}
