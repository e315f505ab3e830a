// Route: /  — the challenge hall (public, no sign-in needed).
// data-testids: hall-search (search input), hall-search-submit, hall-status, hall-industry, hall-tag, hall-clear,
//   hall-item (each challenge card, with data-id and data-status), hall-item-title, hall-item-reward,
//   hall-more (load more), hall-empty.
import { formatYuan } from '../../components/format';
import SearchOutlined from '@ant-design/icons/SearchOutlined';
import { type UseQueryResult, type InfiniteData, useInfiniteQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Card, Col, Empty, Flex, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Challenge, ChallengeStatus } from '../../api/types';
import { Countdown, formatTime } from '../../components/Countdown';
import { QueryState } from '../../components/QueryState';
import { ChallengeStatusTag } from '../../components/StatusTag';
import { INDUSTRY_PREFIX, INDUSTRY_SECTIONS, industrySection, isPublicStatus, PUBLIC_STATUSES } from './format';

const PAGE_SIZE = 20;

interface HallFilters {
  q?: string;
  status?: ChallengeStatus;
  industry?: string;
  tag?: string;
}

interface ChallengePage {
  items: Challenge[];
  nextCursor: string | null;
}

/** The filters as the URL holds them (a reload or a shared link keeps them); invalid values are ignored. */
function readFilters(params: URLSearchParams): HallFilters {
  const text = (key: string) => {
    const value = params.get(key)?.trim();
    return value ? value : undefined;
  };
  const status = params.get('status');
  const industry = text('industry')?.toUpperCase();
  return {
    q: text('q')?.slice(0, 200),
    status: isPublicStatus(status) ? status : undefined,
    industry: industry && INDUSTRY_PREFIX.test(industry) ? industry : undefined,
    tag: text('tag')?.slice(0, 50),
  };
}

export default function HallPage() {
  const { t } = useTranslation(['public', 'common']);
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);

  const query = useInfiniteQuery({
    queryKey: ['challenges', 'hall', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(challengeApi.GET('/api/v1/challenges', { params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const seenIndustries = useMemo(() => [...new Set(items.map((c) => c.industry).filter((i): i is string => !!i))].sort(), [items]);
  const seenTags = useMemo(() => [...new Set(items.flatMap((c) => c.tags))].sort(), [items]);
  const filtered = Object.values(filters).some((v) => v !== undefined);

  const setFilter = (key: keyof HallFilters, value: string | undefined) => {
    const next = new URLSearchParams(params);
    const clean = value?.trim();
    if (clean) next.set(key, clean);
    else next.delete(key);
    if (next.toString() !== params.toString()) setParams(next);
  };
  const clearFilters = () => setParams(new URLSearchParams());

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('hall.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('hall.intro')}</Typography.Text>
      </div>

      <Card size="small">
        <Form layout="vertical" component="div">
          <Row gutter={[12, 0]}>
            <Col xs={24} lg={10}>
              <SearchBox value={filters.q} onSearch={(q) => setFilter('q', q)} />
            </Col>
            <Col xs={24} sm={8} lg={4}>
              <Form.Item label={t('hall.statusLabel')} htmlFor="hall-status" style={{ marginBottom: 12 }}>
                <Select
                  id="hall-status"
                  data-testid="hall-status"
                  value={filters.status ?? ''}
                  onChange={(value: string) => setFilter('status', value || undefined)}
                  options={[
                    { value: '', label: t('hall.statusAll') },
                    ...PUBLIC_STATUSES.map((s) => ({ value: s, label: t(`common:challengeStatus.${s}`) })),
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={5}>
              <IndustryFilter value={filters.industry} seen={seenIndustries} onCommit={(v) => setFilter('industry', v)} />
            </Col>
            <Col xs={24} sm={8} lg={5}>
              <TagFilter value={filters.tag} seen={seenTags} onCommit={(v) => setFilter('tag', v)} />
            </Col>
          </Row>
          {filtered && (
            <Flex gap={8} wrap align="center">
              {filters.q && <Tag closable onClose={() => setFilter('q', undefined)}>“{filters.q}”</Tag>}
              {filters.status && (
                <Tag closable onClose={() => setFilter('status', undefined)}>
                  {t(`common:challengeStatus.${filters.status}`)}
                </Tag>
              )}
              {filters.industry && <Tag closable onClose={() => setFilter('industry', undefined)}>{filters.industry}</Tag>}
              {filters.tag && <Tag closable onClose={() => setFilter('tag', undefined)}>#{filters.tag}</Tag>}
              <Button type="link" size="small" onClick={clearFilters} data-testid="hall-clear">
                {t('hall.clearFilters')}
              </Button>
            </Flex>
          )}
        </Form>
      </Card>

      <QueryState
        query={query as unknown as UseQueryResult<InfiniteData<ChallengePage>>}
        isEmpty={(data) => data.pages.every((p) => p.items.length === 0)}
        empty={
          <Empty data-testid="hall-empty" description={filtered ? t('hall.emptyFiltered') : t('hall.emptyAll')}>
            {filtered && <Button onClick={clearFilters}>{t('hall.clearFilters')}</Button>}
          </Empty>
        }
      >
        {() => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Row gutter={[16, 16]}>
              {items.map((challenge) => (
                <Col key={challenge.id} xs={24} md={12} xl={8}>
                  <ChallengeCard challenge={challenge} />
                </Col>
              ))}
            </Row>
            <Flex vertical align="center" gap={4}>
              <Typography.Text type="secondary">{t('hall.resultCount', { count: items.length })}</Typography.Text>
              {query.hasNextPage ? (
                <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="hall-more">
                  {t('common:action.more')}
                </Button>
              ) : (
                items.length > PAGE_SIZE && <Typography.Text type="secondary">{t('hall.noMore')}</Typography.Text>
              )}
              {query.isFetchNextPageError && (
                <Typography.Text type="danger" role="alert">
                  {t('common:state.error')}: {query.error instanceof Error ? query.error.message : ''}
                </Typography.Text>
              )}
            </Flex>
          </Space>
        )}
      </QueryState>
    </Space>
  );
}

/**
 * What is typed into a filter before it is committed; it starts over from the URL's value whenever that changes
 * (a cleared filter, a link followed), adjusted while rendering rather than in an effect.
 */
function useFilterText(value: string | undefined): [string, (text: string) => void] {
  const [text, setText] = useState(value ?? '');
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setText(value ?? '');
  }
  return [text, setText];
}

/** Full-text search (Chinese or English), sent as `q` when submitted. */
function SearchBox({ value, onSearch }: { value: string | undefined; onSearch: (q: string) => void }) {
  const { t } = useTranslation(['public', 'common']);
  const [text, setText] = useFilterText(value);
  return (
    <Form.Item label={t('hall.searchLabel')} htmlFor="hall-q" style={{ marginBottom: 12 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id="hall-q"
          type="search"
          data-testid="hall-search"
          value={text}
          maxLength={200}
          allowClear
          placeholder={t('hall.searchPlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            // Clearing the box clears the search.
            if (e.target.value === '' && value) onSearch('');
          }}
          onPressEnter={() => onSearch(text)}
        />
        <Button type="primary" icon={<SearchOutlined />} autoInsertSpace={false} onClick={() => onSearch(text)} data-testid="hall-search-submit">
          {t('common:action.search')}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}

/** Industry code prefix: free text (GB/T 4754, e.g. C38) with the sections and the codes seen as suggestions. */
function IndustryFilter({ value, seen, onCommit }: { value: string | undefined; seen: string[]; onCommit: (v: string | undefined) => void }) {
  const { t } = useTranslation(['public', 'common']);
  const [text, setText] = useFilterText(value);
  const upper = text.trim().toUpperCase();
  const invalid = upper !== '' && !INDUSTRY_PREFIX.test(upper);
  const commit = (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (code === '') onCommit(undefined);
    else if (INDUSTRY_PREFIX.test(code)) onCommit(code);
  };
  const options = [
    ...INDUSTRY_SECTIONS.map((s) => ({ value: s, label: `${s} · ${t(`industrySection.${s}`)}` })),
    ...seen.filter((code) => !(INDUSTRY_SECTIONS as readonly string[]).includes(code)).map((code) => {
      const section = industrySection(code);
      return { value: code, label: section ? `${code} · ${t(`industrySection.${section}`)}` : code };
    }),
  ];
  return (
    <Form.Item
      label={t('hall.industryLabel')}
      htmlFor="hall-industry"
      validateStatus={invalid ? 'error' : undefined}
      help={invalid ? t('hall.industryInvalid') : undefined}
      style={{ marginBottom: 12 }}
    >
      <AutoComplete
        id="hall-industry"
        value={text}
        options={options}
        filterOption={(input, option) => {
          const needle = input.trim().toUpperCase();
          return !needle || String(option?.value ?? '').startsWith(needle) || String(option?.label ?? '').includes(input.trim());
        }}
        onChange={(v: string | undefined) => {
          setText(v ?? '');
          if (!v) onCommit(undefined);
        }}
        onSelect={(v) => commit(v ?? '')}
        onBlur={() => commit(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(text);
        }}
      >
        <Input data-testid="hall-industry" allowClear placeholder={t('hall.industryPlaceholder')} />
      </AutoComplete>
    </Form.Item>
  );
}

/** One capability tag (exact match), with the tags seen so far as suggestions. */
function TagFilter({ value, seen, onCommit }: { value: string | undefined; seen: string[]; onCommit: (v: string | undefined) => void }) {
  const { t } = useTranslation(['public', 'common']);
  const [text, setText] = useFilterText(value);
  return (
    <Form.Item label={t('hall.tagLabel')} htmlFor="hall-tag" style={{ marginBottom: 12 }}>
      <AutoComplete
        id="hall-tag"
        value={text}
        options={seen.map((tag) => ({ value: tag, label: tag }))}
        filterOption={(input, option) => String(option?.value ?? '').toLowerCase().includes(input.trim().toLowerCase())}
        onChange={(v: string | undefined) => {
          setText(v ?? '');
          if (!v) onCommit(undefined);
        }}
        onSelect={(v) => onCommit(v)}
        onBlur={() => onCommit(text || undefined)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit(text || undefined);
        }}
      >
        <Input data-testid="hall-tag" maxLength={50} allowClear placeholder={t('hall.tagPlaceholder')} />
      </AutoComplete>
    </Form.Item>
  );
}

function ChallengeCard({ challenge }: { challenge: Challenge }) {
  const { t } = useTranslation(['public', 'common']);
  const navigate = useNavigate();
  const to = `/challenges/${challenge.id}`;
  const section = industrySection(challenge.industry);
  return (
    <Card
      hoverable
      data-testid="hall-item"
      data-id={challenge.id}
      data-status={challenge.status}
      style={{ height: '100%' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 8, height: '100%' } }}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a,button')) return;
        void navigate(to);
      }}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Title level={5} style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
          <Link to={to} data-testid="hall-item-title">
            {challenge.title}
          </Link>
        </Typography.Title>
        <span style={{ flex: 'none' }}>
          <ChallengeStatusTag status={challenge.status} />
        </span>
      </Flex>
      <Typography.Text type="secondary">
        {t('hall.postedBy', { name: challenge.organizationName })}
      </Typography.Text>
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
        {challenge.description}
      </Typography.Paragraph>
      {(challenge.tags.length > 0 || challenge.industry) && (
        <Flex gap={4} wrap>
          {challenge.industry && (
            <Tag color="geekblue" title={section ? t(`industrySection.${section}`) : undefined}>
              {challenge.industry}
            </Tag>
          )}
          {challenge.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Flex>
      )}
      <Flex justify="space-between" align="end" gap={8} wrap style={{ marginTop: 'auto' }}>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('hall.reward')}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 18, color: '#c41d1d' }} data-testid="hall-item-reward">
            {formatYuan(challenge.rewardYuan)}
          </Typography.Text>
        </div>
        <div style={{ textAlign: 'right' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {t('hall.deadline')}
          </Typography.Text>
          {challenge.status === 'published' ? <Countdown deadline={challenge.bidDeadline} /> : <Typography.Text>{formatTime(challenge.bidDeadline)}</Typography.Text>}
        </div>
      </Flex>
    </Card>
  );
}
