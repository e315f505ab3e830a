/*
 * Route: /lead/challenges/:id (lead who owns it, or admin) — the management page of one challenge, in tabs (?tab=).
 * data-testids: lead-challenge-title, lead-challenge-status, lead-not-owner, public-link,
 *   lead-tab-overview, lead-tab-matches, lead-tab-questions, lead-tab-bids, lead-tab-ranking, lead-tab-audit (tab labels);
 *   the tabs' own data-testids are listed in OverviewTab, MatchesTab, QuestionsTab, BidsTab, RankingTab and AuditTab.
 */
import { Button, Flex, Grid, Result, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useUser } from '../../auth/session';
import { Countdown } from '../../components/Countdown';
import { QueryState } from '../../components/QueryState';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { AuditTab } from './AuditTab';
import { BidsTab } from './BidsTab';
import { MatchesTab } from './MatchesTab';
import { OverviewTab } from './OverviewTab';
import { QuestionsTab } from './QuestionsTab';
import { RankingTab } from './RankingTab';
import { useLeadChallenge } from './shared';

const TABS = ['overview', 'matches', 'questions', 'bids', 'ranking', 'audit'] as const;
type TabKey = (typeof TABS)[number];

export default function LeadChallengePage() {
  const { t } = useTranslation('lead');
  const { id } = useParams();
  const user = useUser();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(requested ?? '') ? (requested as TabKey) : 'overview';
  const query = useLeadChallenge(id);

  return (
    <QueryState query={query}>
      {(challenge) => {
        const isAdmin = user.role === 'admin';
        const isOwner = user.role === 'lead' && !!user.organizationId && user.organizationId === challenge.organizationId;
        if (!isOwner && !isAdmin) {
          return (
            <Result
              status="403"
              data-testid="lead-not-owner"
              title={t('manage.notOwnerTitle')}
              subTitle={t('manage.notOwnerDetail')}
              extra={
                <Button type="primary" onClick={() => void navigate(`/challenges/${challenge.id}`)}>
                  {t('manage.toPublic')}
                </Button>
              }
            />
          );
        }
        const label = (key: TabKey) => <span data-testid={`lead-tab-${key}`}>{t(`manage.tab.${key}`)}</span>;
        const props = { challenge, isOwner, isAdmin };
        return (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Flex wrap gap={8} align="center" justify="space-between">
              <Space wrap align="center" size="small">
                <Typography.Title level={3} style={{ margin: 0 }} data-testid="lead-challenge-title">
                  {challenge.title}
                </Typography.Title>
                <span data-testid="lead-challenge-status" data-status={challenge.status}>
                  <ChallengeStatusTag status={challenge.status} />
                </span>
                {challenge.status === 'published' && <Countdown deadline={challenge.bidDeadline} />}
              </Space>
              <Space wrap size="small">
                <Link to="/lead/challenges">{t('manage.backToList')}</Link>
                {challenge.status !== 'draft' && (
                  <Link to={`/challenges/${challenge.id}`} data-testid="public-link">
                    {t('manage.publicPage')}
                  </Link>
                )}
              </Space>
            </Flex>
            <Tabs
              activeKey={tab}
              onChange={(key) => setSearchParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
              size={screens.md ? 'middle' : 'small'}
              tabBarGutter={screens.md ? 32 : 14}
              items={[
                { key: 'overview', label: label('overview'), children: <OverviewTab {...props} /> },
                { key: 'matches', label: label('matches'), children: <MatchesTab {...props} /> },
                { key: 'questions', label: label('questions'), children: <QuestionsTab {...props} /> },
                { key: 'bids', label: label('bids'), children: <BidsTab {...props} /> },
                { key: 'ranking', label: label('ranking'), children: <RankingTab {...props} /> },
                { key: 'audit', label: label('audit'), children: <AuditTab {...props} /> },
              ]}
            />
          </Space>
        );
      }}
    </QueryState>
  );
}
