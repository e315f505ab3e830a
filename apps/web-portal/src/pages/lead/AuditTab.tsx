/*
 * Audit tab of /lead/challenges/:id: the challenge's hash-chained audit log and its verification.
 * data-testids: audit-verified (data-valid; green 已验证 with head hash and length, or red with brokenAt),
 *   audit-verify-again, audit-head, audit-table, audit-row (data-seq, data-action).
 */
import CheckCircleFilled from '@ant-design/icons/CheckCircleFilled';
import CloseCircleFilled from '@ant-design/icons/CloseCircleFilled';
import ReloadOutlined from '@ant-design/icons/ReloadOutlined';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { challengeApi, unwrap } from '../../api/client';
import type { AuditEvent, AuditVerification } from '../../api/types';
import { formatTime } from '../../components/Countdown';
import { QueryState } from '../../components/QueryState';
import { isTimeDriven, leadKeys, NOWRAP_HEADER, ShortHash, type TabProps } from './shared';

export function AuditTab({ challenge }: TabProps) {
  const { t } = useTranslation('lead');
  // The chain grows with every state change: follow it while the worker is moving the challenge on.
  const poll = isTimeDriven(challenge) ? 10_000 : false;
  const audit = useQuery({
    queryKey: leadKeys.part(challenge.id, 'audit', challenge.status),
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/audit', { params: { path: { id: challenge.id } } })),
    refetchInterval: poll,
  });
  const verify = useQuery({
    queryKey: leadKeys.part(challenge.id, 'audit-verify', challenge.status),
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/audit/verify', { params: { path: { id: challenge.id } } })),
    refetchInterval: poll,
  });

  const columns: ColumnsType<AuditEvent> = [
    { key: 'seq', title: t('audit.seq'), render: (_, e) => e.seq },
    { key: 'at', title: t('audit.at'), render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(e.at)}</span> },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <span style={{ whiteSpace: 'nowrap' }}>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</span>
          <Typography.Text type="secondary" code style={{ fontSize: 11, whiteSpace: 'nowrap' }}>
            {e.action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) =>
        e.actorId ? (
          <ShortHash value={e.actorId} length={8} />
        ) : e.action.startsWith('bid.') ? (
          <Tag>{t('audit.sealed')}</Tag>
        ) : (
          <Tag>{t('audit.system')}</Tag>
        ),
    },
    { key: 'contentHash', title: t('audit.contentHash'), render: (_, e) => <ShortHash value={e.contentHash} /> },
    { key: 'hash', title: t('audit.hash'), render: (_, e) => <ShortHash value={e.hash} /> },
    { key: 'prevHash', title: t('audit.prevHash'), render: (_, e) => <ShortHash value={e.prevHash} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Flex wrap gap={12} align="center" justify="space-between">
          {verify.isPending ? (
            <Typography.Text type="secondary">{t('audit.verifying')}</Typography.Text>
          ) : verify.isError ? (
            <Alert type="error" showIcon title={t('audit.verifyFailed')} />
          ) : (
            <VerifiedBadge verification={verify.data} />
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void verify.refetch()} loading={verify.isFetching} data-testid="audit-verify-again">
            {t('audit.verifyAgain')}
          </Button>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('audit.help')}
        </Typography.Paragraph>
      </Card>
      <QueryState query={audit}>
        {(data) => (
          <Table<AuditEvent>
            data-testid="audit-table"
            styles={NOWRAP_HEADER}
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={data.items}
            scroll={{ x: true }}
            pagination={data.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            onRow={(e) => ({ 'data-testid': 'audit-row', 'data-seq': e.seq, 'data-action': e.action }) as HTMLAttributes<HTMLElement>}
            expandable={{
              rowExpandable: (e) => e.data !== null && Object.keys(e.data).length > 0,
              expandedRowRender: (e) => (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(e.data, null, 2)}</pre>
              ),
            }}
          />
        )}
      </QueryState>
    </Space>
  );
}

function VerifiedBadge({ verification: v }: { verification: AuditVerification }) {
  const { t } = useTranslation('lead');
  if (v.valid) {
    return (
      <Space wrap size="small" data-testid="audit-verified" data-valid="true">
        <Tag color="success" icon={<CheckCircleFilled />} style={{ fontSize: 14, padding: '2px 8px' }}>
          {t('audit.verified')}
        </Tag>
        <Typography.Text>{t('audit.length', { count: v.length })}</Typography.Text>
        <Typography.Text type="secondary">{t('audit.head')}</Typography.Text>
        <span data-testid="audit-head" data-head={v.head}>
          <ShortHash value={v.head} length={16} />
        </span>
      </Space>
    );
  }
  return (
    <Space wrap size="small" data-testid="audit-verified" data-valid="false">
      <Tag color="error" icon={<CloseCircleFilled />} style={{ fontSize: 14, padding: '2px 8px' }}>
        {t('audit.broken')}
      </Tag>
      <Typography.Text type="danger">{t('audit.brokenAt', { seq: v.brokenAt ?? '?' })}</Typography.Text>
      <Typography.Text type="secondary">{t('audit.length', { count: v.length })}</Typography.Text>
    </Space>
  );
}
