import BellOutlined from '@ant-design/icons/BellOutlined';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { challengeApi, unwrap } from '../api/client';
import type { Notification } from '../api/types';
import { formatTime } from './Countdown';

export const NOTIFICATIONS_KEY = ['notifications'];

/** The latest notifications of the signed-in user, refreshed every 15 s while the page is open. */
export function useNotifications(limit = 20) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, limit],
    queryFn: () => unwrap(challengeApi.GET('/api/v1/notifications', { params: { query: { limit } } })),
    refetchInterval: 15_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(challengeApi.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** Where a notification leads: its challenge (or bid) page for the recipient's role. */
export function notificationTarget(n: Notification, role: string): string | null {
  if (n.type === 'review.assigned') return '/reviewer/assignments';
  if (n.type === 'review.shortage') return '/admin/reviewers';
  if (n.bidId && role === 'sme') return `/sme/bids/${n.bidId}`;
  if (n.challengeId) return role === 'lead' ? `/lead/challenges/${n.challengeId}` : `/challenges/${n.challengeId}`;
  return null;
}

/** The bell in the header: unread count, and the latest notifications in a popover. */
export function NotificationBell({ role }: { role: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const items = notifications.data?.items ?? [];
  const unread = items.filter((n) => !n.readAt).length;
  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const target = notificationTarget(n, role);
    if (target) void navigate(target);
  };
  const content = (
    <div style={{ width: 'min(360px, 90vw)' }}>
      {items.length === 0 && <Typography.Paragraph type="secondary">{t('notifications.none')}</Typography.Paragraph>}
      {items.slice(0, 8).map((n) => (
        <div
          key={n.id}
          role="button"
          tabIndex={0}
          data-testid="bell-item"
          style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
          onClick={() => open(n)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') open(n);
          }}
        >
          <Typography.Text strong={!n.readAt}>{n.message}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(n.createdAt)}
            </Typography.Text>
          </div>
        </div>
      ))}
      <Link to="/notifications">{t('notifications.all')}</Link>
    </div>
  );
  return (
    <Popover content={content} title={t('notifications.title')} trigger="click" placement="bottomRight">
      <Badge count={unread} size="small" overflowCount={19}>
        <Button type="text" shape="circle" aria-label={`${t('notifications.title')} (${t('notifications.unread', { count: unread })})`} data-testid="notification-bell" data-unread={unread} icon={<BellOutlined style={{ fontSize: 18 }} />} />
      </Badge>
    </Popover>
  );
}
