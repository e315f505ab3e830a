/** Pieces the admin pages share: the queue dashboard link, a status filter, challenge titles by id. */
import { ExportOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { challengeApi, queueDashboardUrl, runtimeConfig, unwrap } from '../../api/client';
import type { Challenge } from '../../api/types';

/** The matching-worker's queue dashboard (HTTP basic auth with an admin's email and password), in a new window. */
export function QueueDashboardLink() {
  const { t } = useTranslation('admin');
  return (
    <Space size={4} wrap>
      <Typography.Link href={queueDashboardUrl(runtimeConfig)} target="_blank" rel="noreferrer" data-testid="queue-dashboard-link">
        <ExportOutlined /> {t('queues.link')}
      </Typography.Link>
      <Typography.Text type="secondary">{t('queues.hint')}</Typography.Text>
    </Space>
  );
}

/** A labelled row of radio buttons (accessible as a radio group) that wraps on a phone. */
export function StatusFilter<V extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: V;
  options: { value: V; label: string }[];
  onChange: (value: V) => void;
  testId: string;
}) {
  return (
    <Space size={8} wrap align="center">
      <Typography.Text id={`${testId}-label`}>{label}</Typography.Text>
      <Radio.Group
        aria-labelledby={`${testId}-label`}
        data-testid={testId}
        optionType="button"
        buttonStyle="solid"
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
        options={options}
      />
    </Space>
  );
}

/** Challenges by id (public `GET /api/v1/challenges/:id`), for showing titles beside ids. */
export function useChallenges(ids: string[]): Map<string, Challenge> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['admin', 'challenge', id],
      queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const map = new Map<string, Challenge>();
  results.forEach((r, i) => {
    if (r.data) map.set(ids[i], r.data);
  });
  return map;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}
