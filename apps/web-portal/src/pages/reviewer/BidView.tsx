/** The blind bid view of an assignment (data-testids: review-bid, review-bid-organization, review-kpis, review-milestones, review-team). */
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignmentDetail } from '../../api/types';
import { type AssignmentChallenge, formatYuan } from './scoring';

type ReviewBid = NonNullable<AssignmentDetail['bid']>;

export const preWrap: CSSProperties = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' };

/** The bid as the reviewer may read it: the organization only when the server sends it (not blind). */
export function BidView({ bid, challenge }: { bid: ReviewBid; challenge: AssignmentChallenge }) {
  const { t, i18n } = useTranslation('reviewer');
  const identified = typeof bid.organizationName === 'string' && bid.organizationName !== '';

  const responses = new Map(bid.kpiResponses.map((r) => [r.kpiId, r.commitment]));
  const known = new Set(challenge.kpis.map((k) => k.id));
  const kpiRows = [
    ...challenge.kpis.map((k) => ({
      key: k.id,
      name: k.name,
      target: [k.target, k.unit].filter(Boolean).join(' '),
      mandatory: k.mandatory as boolean | null,
      commitment: responses.get(k.id) ?? null,
    })),
    ...bid.kpiResponses
      .filter((r) => !known.has(r.kpiId))
      .map((r) => ({ key: r.kpiId, name: t('assignment.bid.unknownKpi'), target: '—', mandatory: null, commitment: r.commitment as string | null })),
  ];
  const teamHasNames = bid.team.some((m) => m.name);

  const items = [
    {
      key: 'organization',
      label: t('assignment.bid.organization'),
      children: identified ? (
        <span data-testid="review-bid-organization">{bid.organizationName}</span>
      ) : (
        <Tag color="geekblue">{t('assignment.bid.identityHidden')}</Tag>
      ),
    },
    ...(bid.creditCode ? [{ key: 'creditCode', label: t('assignment.bid.creditCode'), children: <Typography.Text code>{bid.creditCode}</Typography.Text> }] : []),
    { key: 'price', label: t('assignment.bid.price'), children: t('assignment.bid.yuan', { amount: formatYuan(bid.priceYuan, i18n.language) }) },
    { key: 'duration', label: t('assignment.bid.duration'), children: t('assignment.bid.durationValue', { days: bid.durationDays }) },
  ];

  return (
    <Card title={t('assignment.bid.title')} extra={<Tag>{t('assignment.bid.revision', { revision: bid.revision })}</Tag>} data-testid="review-bid">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered items={items} />
        <section>
          <Typography.Title level={5}>{t('assignment.bid.summary')}</Typography.Title>
          <Typography.Paragraph style={{ ...preWrap, marginBottom: 0 }}>{bid.summary}</Typography.Paragraph>
        </section>
        <section>
          <Typography.Title level={5}>{t('assignment.bid.technicalApproach')}</Typography.Title>
          <Typography.Paragraph style={{ ...preWrap, marginBottom: 0 }}>{bid.technicalApproach}</Typography.Paragraph>
        </section>
        <section>
          <Typography.Title level={5}>{t('assignment.bid.kpis')}</Typography.Title>
          <Table
            data-testid="review-kpis"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={kpiRows}
            rowKey="key"
            locale={{ emptyText: t('assignment.bid.none') }}
            columns={[
              {
                title: t('assignment.bid.kpiName'),
                dataIndex: 'name',
                render: (name: string, row) => (
                  <Space size={4} wrap>
                    <span>{name}</span>
                    {row.mandatory !== null && (
                      <Tag color={row.mandatory ? 'red' : 'default'}>{row.mandatory ? t('assignment.bid.mandatory') : t('assignment.bid.optional')}</Tag>
                    )}
                  </Space>
                ),
              },
              { title: t('assignment.bid.kpiTarget'), dataIndex: 'target' },
              {
                title: t('assignment.bid.kpiCommitment'),
                dataIndex: 'commitment',
                render: (commitment: string | null) =>
                  commitment ? <span style={preWrap}>{commitment}</span> : <Typography.Text type="secondary">{t('assignment.bid.noResponse')}</Typography.Text>,
              },
            ]}
          />
        </section>
        <section>
          <Typography.Title level={5}>{t('assignment.bid.milestones')}</Typography.Title>
          <Table
            data-testid="review-milestones"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={bid.milestones.map((m, i) => ({ ...m, key: i }))}
            locale={{ emptyText: t('assignment.bid.none') }}
            columns={[
              { title: t('assignment.bid.milestoneTitle'), dataIndex: 'title' },
              { title: t('assignment.bid.dueDay'), dataIndex: 'dueDay', render: (day: number) => t('assignment.bid.dueDayValue', { day }) },
              { title: t('assignment.bid.payment'), dataIndex: 'paymentPercent', render: (p: number) => `${p}%` },
            ]}
          />
        </section>
        <section>
          <Typography.Title level={5}>{t('assignment.bid.team')}</Typography.Title>
          {challenge.blindReview && !teamHasNames && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('assignment.bid.rolesOnly')}
            </Typography.Paragraph>
          )}
          <Table
            data-testid="review-team"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={bid.team.map((m, i) => ({ ...m, key: i }))}
            locale={{ emptyText: t('assignment.bid.none') }}
            columns={[
              { title: t('assignment.bid.role'), dataIndex: 'role' },
              ...(teamHasNames ? [{ title: t('assignment.bid.name'), dataIndex: 'name' }] : []),
            ]}
          />
        </section>
      </Space>
    </Card>
  );
}
