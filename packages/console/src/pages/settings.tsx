import { message, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useCommunityId } from '../auth/session.js';
import { useT } from '../i18n/index.js';
import { AccountTab } from './settings/account-tab.js';
import { CommunityTab } from './settings/community-tab.js';
import { PlatformsTab } from './settings/platforms-tab.js';
import { messages } from './settings/settings.messages.js';
import { TokensTab } from './settings/tokens-tab.js';
import { UsersTab } from './settings/users-tab.js';

const TABS = ['community', 'users', 'tokens', 'platforms', 'account'] as const;
type Tab = (typeof TABS)[number];

const SettingsPage = () => {
  const t = useT(messages);
  const communityId = useCommunityId();
  const [toast, toastHolder] = message.useMessage();
  const notify = (text: string) => void toast.success(text);
  // The open tab lives in the address (?tab=users), so it can be linked to and survives a reload.
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const active: Tab = TABS.find((tab) => tab === asked) ?? 'community';
  return (
    <>
      {toastHolder}
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <div style={{ background: '#fff', padding: '8px 24px 24px', borderRadius: 8 }}>
        <Tabs
          data-testid="settings-tabs"
          activeKey={active}
          onChange={(key) => setParams(key === 'community' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            {
              key: 'community',
              label: t('tabCommunity'),
              children: <CommunityTab communityId={communityId} notify={notify} />,
            },
            { key: 'users', label: t('tabUsers'), children: <UsersTab communityId={communityId} notify={notify} /> },
            {
              key: 'tokens',
              label: t('tabTokens'),
              children: <TokensTab communityId={communityId} notify={notify} />,
            },
            {
              key: 'platforms',
              label: t('tabPlatforms'),
              children: <PlatformsTab communityId={communityId} notify={notify} />,
            },
            { key: 'account', label: t('tabAccount'), children: <AccountTab notify={notify} /> },
          ]}
        />
      </div>
    </>
  );
};

export default SettingsPage;
