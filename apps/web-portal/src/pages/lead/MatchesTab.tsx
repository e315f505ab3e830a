/*
 * Matches tab of /lead/challenges/:id: the SMEs the matching worker ranked against the challenge, with reasons.
 * data-testids: matches-not-published, matches-pending, matches-eligible-only (switch), match-item (data-org-id,
 *   data-rank, data-eligible), match-score, match-eligible, explanation (see Explanation).
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, List, Progress, Row, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { challengeApi, unwrap } from '../../api/client';
import type { Match } from '../../api/types';
import { Explanation } from '../../components/Explanation';
import { QueryState } from '../../components/QueryState';
import { formatScore, leadKeys, type TabProps } from './shared';

interface Reason {
  rule?: string;
  message?: string;
}

function reasonsOf(match: Match): string[] {
  const raw = (match.explanation as { reasons?: unknown }).reasons;
  if (!Array.isArray(raw)) return [];
  return raw.map((r: unknown) => (typeof r === 'string' ? r : ((r as Reason).message ?? (r as Reason).rule ?? ''))).filter(Boolean);
}

export function MatchesTab({ challenge }: TabProps) {
  const { t } = useTranslation('lead');
  const [eligibleOnly, setEligibleOnly] = useState(false);
  const published = challenge.status !== 'draft';
  const query = useQuery({
    queryKey: leadKeys.part(challenge.id, 'matches'),
    enabled: published,
    queryFn: () => unwrap(challengeApi.GET('/api/v1/challenges/{id}/matches', { params: { path: { id: challenge.id } } })),
    // The worker ranks a newly published challenge within seconds: look again until it has.
    refetchInterval: (q) => (challenge.status === 'published' && (q.state.data?.items.length ?? 0) === 0 ? 5000 : false),
  });

  if (!published) {
    return <Empty data-testid="matches-not-published" description={t('matches.notPublished')} />;
  }
  return (
    <QueryState
      query={query}
      empty={<Empty data-testid="matches-pending" description={t('matches.pending')} />}
    >
      {(data) => {
        const eligibleCount = data.items.filter((m) => m.eligible).length;
        const shown = eligibleOnly ? data.items.filter((m) => m.eligible) : data.items;
        return (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Flex wrap gap={12} justify="space-between" align="center">
              <Typography.Text type="secondary">{t('matches.summary', { count: data.items.length, eligible: eligibleCount })}</Typography.Text>
              <Space>
                <Switch size="small" checked={eligibleOnly} onChange={setEligibleOnly} id="matches-eligible-only" data-testid="matches-eligible-only" />
                <label htmlFor="matches-eligible-only">{t('matches.eligibleOnly')}</label>
              </Space>
            </Flex>
            <List<Match>
              dataSource={shown}
              rowKey="organizationId"
              pagination={shown.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
              locale={{ emptyText: t('matches.noneEligible') }}
              renderItem={(m) => {
                const reasons = reasonsOf(m);
                return (
                  <List.Item
                    key={m.organizationId}
                    data-testid="match-item"
                    data-org-id={m.organizationId}
                    data-rank={m.rank}
                    data-eligible={m.eligible}
                    style={{ display: 'block', paddingInline: 0 }}
                  >
                    <Card size="small">
                      <Row gutter={[16, 8]} align="middle">
                        <Col xs={24} md={8}>
                          <Space orientation="vertical" size={2}>
                            <Space wrap size="small">
                              <Typography.Text type="secondary">#{m.rank}</Typography.Text>
                              <Typography.Text strong>{m.organizationName}</Typography.Text>
                            </Space>
                            <span data-testid="match-eligible">
                              {m.eligible ? <Tag color="green">{t('matches.eligible')}</Tag> : <Tag color="orange">{t('matches.ineligible')}</Tag>}
                            </span>
                            <Space size="small" align="center">
                              <Progress type="circle" size={44} percent={Math.round(m.score)} format={() => formatScore(m.score, 0)} />
                              <Typography.Text type="secondary" data-testid="match-score">
                                {t('matches.score', { score: formatScore(m.score) })}
                              </Typography.Text>
                            </Space>
                          </Space>
                        </Col>
                        <Col xs={24} md={16}>
                          {reasons.length > 0 && (
                            <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }}>
                              {reasons.map((r, i) => (
                                <li key={i}>
                                  <Typography.Text type="warning">{r}</Typography.Text>
                                </li>
                              ))}
                            </ul>
                          )}
                          <Explanation value={m.explanation} />
                        </Col>
                      </Row>
                    </Card>
                  </List.Item>
                );
              }}
            />
          </Space>
        );
      }}
    </QueryState>
  );
}
