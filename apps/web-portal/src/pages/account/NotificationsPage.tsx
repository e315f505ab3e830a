// Route: /notifications  — every notification of the signed-in user (any role), newest first.
// data-testids: notification-item (each, with data-id, data-type, data-read="true|false"), notification-link,
//   notification-mark-read, notifications-mark-all, notifications-older, notifications-unread-count.
import CheckOutlined from '@ant-design/icons/CheckOutlined';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { challengeApi, unwrap } from '../../api/client';
import type { Notification } from '../../api/types';
import { useUser } from '../../auth/session';
import { formatTime } from '../../components/Countdown';
import { NOTIFICATIONS_KEY, notificationTarget, useMarkRead, useNotifications } from '../../components/NotificationBell';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';

const PAGE_SIZE = 100;

export default function NotificationsPage() {
  const { t } = useTranslation(['account', 'common']);
  const user = useUser();
  const navigate = useNavigate();
  const first = useNotifications(PAGE_SIZE);
  const markRead = useMarkRead();
  const [showOlder, setShowOlder] = useState(false);
  const firstCursor = first.data?.nextCursor ?? null;
  // Pages after the first hundred, fetched on demand; under NOTIFICATIONS_KEY so marking one read refreshes them too.
  const older = useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'older', firstCursor],
    enabled: showOlder && firstCursor !== null,
    initialPageParam: firstCursor ?? '',
    queryFn: ({ pageParam }) => unwrap(challengeApi.GET('/api/v1/notifications', { params: { query: { limit: PAGE_SIZE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const items = useMemo(() => {
    const seen = new Set<string>();
    const all: Notification[] = [];
    for (const n of [...(first.data?.items ?? []), ...(showOlder ? (older.data?.pages.flatMap((p) => p.items) ?? []) : [])]) {
      if (!seen.has(n.id)) {
        seen.add(n.id);
        all.push(n);
      }
    }
    return all;
  }, [first.data, older.data, showOlder]);
  const unread = items.filter((n) => !n.readAt);
  const moreAvailable = firstCursor !== null && (!showOlder || older.hasNextPage || older.isPending);

  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const target = notificationTarget(n, user.role);
    if (target) void navigate(target);
  };
  const markAll = () => {
    for (const n of unread) markRead.mutate(n.id);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('notifications.title')}{' '}
          <Badge count={unread.length} overflowCount={999} data-testid="notifications-unread-count" title={t('notifications.unreadCount', { count: unread.length })} />
        </Typography.Title>
        {unread.length > 0 && (
          <Button icon={<CheckOutlined />} onClick={markAll} loading={markRead.isPending} data-testid="notifications-mark-all">
            {t('notifications.markAllRead')}
          </Button>
        )}
      </Flex>
      {markRead.isError && <ProblemAlert error={markRead.error} />}
      <QueryState query={first} empty={<Empty description={t('notifications.none')} />}>
        {() => (
          <Space orientation="vertical" size="small" style={{ width: '100%' }}>
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} target={notificationTarget(n, user.role)} onOpen={() => open(n)} onMarkRead={() => markRead.mutate(n.id)} />
            ))}
            {moreAvailable && (
              <Flex justify="center">
                <Button
                  loading={showOlder && (older.isFetching || older.isFetchingNextPage)}
                  onClick={() => {
                    if (!showOlder) setShowOlder(true);
                    else void older.fetchNextPage();
                  }}
                  data-testid="notifications-older"
                >
                  {t('notifications.older')}
                </Button>
              </Flex>
            )}
            {showOlder && older.isError && <ProblemAlert error={older.error} />}
          </Space>
        )}
      </QueryState>
    </Space>
  );
}

function NotificationItem({
  notification: n,
  target,
  onOpen,
  onMarkRead,
}: {
  notification: Notification;
  target: string | null;
  onOpen: () => void;
  onMarkRead: () => void;
}) {
  const { t } = useTranslation(['account', 'common']);
  const unread = !n.readAt;
  return (
    <Card
      size="small"
      data-testid="notification-item"
      data-id={n.id}
      data-type={n.type}
      data-read={unread ? 'false' : 'true'}
      hoverable={!!target}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a,button')) return;
        onOpen();
      }}
      style={{
        cursor: target ? 'pointer' : undefined,
        borderInlineStart: unread ? '4px solid #c41d1d' : undefined,
        background: unread ? '#fff7f6' : undefined,
      }}
    >
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Space size={4} wrap style={{ marginBottom: 4 }}>
            <Badge status={unread ? 'processing' : 'default'} text={unread ? t('notifications.unread') : t('notifications.read')} />
            <Tag>{t(`notifications.type.${n.type.replace(/\./g, '-')}`, { defaultValue: n.type })}</Tag>
          </Space>
          <div style={{ overflowWrap: 'anywhere' }}>
            {target ? (
              <Link
                to={target}
                data-testid="notification-link"
                onClick={(event) => {
                  event.preventDefault();
                  onOpen();
                }}
              >
                <Typography.Text strong={unread} style={{ color: 'inherit' }}>
                  {n.message}
                </Typography.Text>
              </Link>
            ) : (
              <Typography.Text strong={unread}>{n.message}</Typography.Text>
            )}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(n.createdAt)}
          </Typography.Text>
        </div>
        {unread && (
          <Button size="small" icon={<CheckOutlined />} onClick={onMarkRead} data-testid="notification-mark-read">
            {t('notifications.markRead')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
