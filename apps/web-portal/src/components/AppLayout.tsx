import GlobalOutlined from '@ant-design/icons/GlobalOutlined';
import UserOutlined from '@ant-design/icons/UserOutlined';
import { Button, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { queueDashboardUrl, runtimeConfig } from '../api/client';
import type { Role } from '../api/types';
import { useSession } from '../auth/session';
import { setLanguage } from '../i18n';
import { timeZone } from './Countdown';
import { NotificationBell } from './NotificationBell';

/** Navigation per role: every page of the portal is reachable from here. */
function navItems(role: Role | null, t: (key: string) => string): ItemType[] {
  const link = (to: string, label: string): ItemType => ({ key: to, label: <Link to={to}>{label}</Link> });
  const items: ItemType[] = [link('/', t('nav.hall'))];
  if (role === 'lead') items.push(link('/lead/challenges', t('nav.myChallenges')), link('/lead/challenges/new', t('nav.newChallenge')));
  if (role === 'sme') items.push(link('/sme/recommendations', t('nav.recommendations')), link('/sme/bids', t('nav.myBids')), link('/sme/profile', t('nav.profile')));
  if (role === 'reviewer') items.push(link('/reviewer/assignments', t('nav.assignments')));
  if (role === 'admin') {
    items.push(
      link('/admin/reviewers', t('nav.reviewers')),
      link('/admin/import', t('nav.import')),
      link('/admin/objections', t('nav.objections')),
      {
        key: 'queues',
        label: (
          <a href={queueDashboardUrl(runtimeConfig)} target="_blank" rel="noreferrer">
            {t('nav.queues')}
          </a>
        ),
      },
    );
  }
  return items;
}

/** The page frame: header with navigation, language switch, notification bell and account menu. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const items = navItems(user?.role ?? null, t);
  const selected = items
    .map((i) => String(i?.key))
    .filter((k) => k === location.pathname || (k !== '/' && location.pathname.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: screens.md ? 24 : 8, background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, flex: 'none' }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {screens.sm && <Typography.Text strong style={{ fontSize: 18 }}>{t('appName')}</Typography.Text>}
        </Link>
        <Menu mode="horizontal" selectedKeys={selected} items={items} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />
        <Space size={screens.md ? 'middle' : 'small'} style={{ flex: 'none' }}>
          <Button
            type="text"
            icon={<GlobalOutlined />}
            onClick={() => setLanguage(i18n.language === 'zh' ? 'en' : 'zh')}
            aria-label="language"
            data-testid="language-switch"
          >
            {screens.md ? t('nav.language') : null}
          </Button>
          {user && <NotificationBell role={user.role} />}
          {user ? (
            <Dropdown
              menu={{
                items: [
                  { key: 'role', label: `${user.name} · ${t(`role.${user.role}`)}`, disabled: true },
                  { key: 'notifications', label: <Link to="/notifications">{t('nav.notifications')}</Link> },
                  {
                    key: 'signout',
                    label: t('nav.signOut'),
                    onClick: () => {
                      signOut();
                      void navigate('/');
                    },
                  },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="account-menu">
                {screens.md ? user.name : null}
              </Button>
            </Dropdown>
          ) : (
            <Space size="small">
              <Link to="/login">{t('nav.signIn')}</Link>
              <Link to="/register">{t('nav.register')}</Link>
            </Space>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: screens.md ? '24px 48px' : 12, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>
        {t('appName')} · {t('appSubtitle')} · {t('timeZone', { tz: timeZone() })}
      </Layout.Footer>
    </Layout>
  );
}
