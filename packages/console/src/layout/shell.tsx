import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Result, Select, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { api } from '../api/client.js';
import type { OutboxCounts } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { common, roleKey } from '../i18n/common.js';
import { useT } from '../i18n/index.js';
import { LanguageSwitch } from './language-switch.js';

/** The sections, grouped by what an operator comes for: to see, to act, to set up. */
const SECTIONS = [
  {
    key: 'navSee',
    items: [
      { key: '/', label: 'overview' },
      { key: '/groups', label: 'groups' },
      { key: '/members', label: 'members' },
      { key: '/segments', label: 'segments' },
    ],
  },
  {
    key: 'navAct',
    items: [
      { key: '/engagement', label: 'engagement' },
      { key: '/campaigns', label: 'campaigns' },
      { key: '/live-codes', label: 'liveCodes' },
      { key: '/moderation', label: 'moderation' },
    ],
  },
  {
    key: 'navSetUp',
    items: [
      { key: '/import', label: 'import' },
      { key: '/sandbox', label: 'sandbox' },
      { key: '/outbox', label: 'outbox' },
      { key: '/settings', label: 'settings' },
    ],
  },
] as const;
type NavItem = (typeof SECTIONS)[number]['items'][number];
const NAV: readonly NavItem[] = SECTIONS.flatMap((s): readonly NavItem[] => s.items);

/** Header with navigation, community, language and account; the page below. */
export const Shell = () => {
  const t = useT(common);
  const session = useSession();
  const location = useLocation();
  const communityId = session.community?.id;
  // Failed or unknown actions need a person: their count rides on the Outbox menu item.
  const outbox = useQuery({
    queryKey: ['community', communityId, 'outbox'],
    queryFn: () => api<OutboxCounts>(`/communities/${communityId}/outbox`),
    enabled: communityId !== undefined,
    refetchInterval: 30_000,
  });
  const attention = outbox.data?.attention ?? 0;
  const selected = NAV.filter((n) =>
    n.key === '/' ? location.pathname === '/' : location.pathname.startsWith(n.key),
  ).map((n) => n.key);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="shell-header">
        <Typography.Title level={4} className="shell-brand">
          {t('appName')}
        </Typography.Title>
        <div className="shell-spacer" />
        <Space size="middle">
          {session.me && session.me.communities.length > 0 && (
            <Select
              data-testid="community-select"
              aria-label={t('community')}
              value={session.community?.id}
              onChange={session.selectCommunity}
              style={{ minWidth: 200 }}
              options={session.me.communities.map((c) => ({ value: c.id, label: `${c.name} · ${t(roleKey[c.role])}` }))}
            />
          )}
          <LanguageSwitch />
          <Typography.Text type="secondary" data-testid="user-email">
            {session.me?.user.email}
          </Typography.Text>
          <Button onClick={() => void session.logout()} data-testid="logout">
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout hasSider>
        <Layout.Sider className="shell-sider" width={184} theme="light" breakpoint="md" collapsedWidth={0}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            style={{ borderInlineEnd: 'none' }}
            items={SECTIONS.map((s) => ({
              type: 'group' as const,
              key: s.key,
              label: t(s.key),
              children: s.items.map((n) => ({
                key: n.key,
                label: (
                  <Link to={n.key} data-testid={`nav-${n.label}`}>
                    {n.label === 'outbox' && attention > 0 ? (
                      <Badge count={attention} size="small" offset={[8, -2]} data-testid="outbox-badge">
                        {t(n.label)}
                      </Badge>
                    ) : (
                      t(n.label)
                    )}
                  </Link>
                ),
              })),
            }))}
          />
        </Layout.Sider>
        <Layout.Content className="shell-content">
          {session.community ? (
            <Suspense fallback={<Typography.Text type="secondary">{t('loading')}</Typography.Text>}>
              {/* A change of community remounts the page so nothing of the previous one lingers. */}
              <Outlet key={session.community.id} />
            </Suspense>
          ) : (
            <Result status="info" subTitle={t('noCommunity')} />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
};
