import { message, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useCommunityId } from '../auth/session.js';
import { useT } from '../i18n/index.js';
import { BlocklistTab } from './moderation/blocklist-tab.js';
import { JoinRequestsTab } from './moderation/join-requests-tab.js';
import { moderationMessages } from './moderation/moderation.messages.js';
import { RolesTab } from './moderation/roles-tab.js';
import { ViolationsTab } from './moderation/violations-tab.js';

const TABS = ['violations', 'join-requests', 'blocklist', 'roles'] as const;
type Tab = (typeof TABS)[number];

/** Keeping order: violations to review, the join-request queue, the blocklist and member roles. */
const ModerationPage = () => {
  const t = useT(moderationMessages);
  const communityId = useCommunityId();
  const [toast, toastHolder] = message.useMessage();
  const notify = (text: string) => void toast.success(text);
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const active: Tab = TABS.find((tab) => tab === asked) ?? 'violations';
  const props = { communityId, notify };
  return (
    <>
      {toastHolder}
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <div style={{ background: '#fff', padding: '8px 24px 24px', borderRadius: 8 }}>
        <Tabs
          data-testid="moderation-tabs"
          activeKey={active}
          onChange={(key) => setParams(key === 'violations' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'violations', label: t('tabViolations'), children: <ViolationsTab {...props} /> },
            { key: 'join-requests', label: t('tabJoinRequests'), children: <JoinRequestsTab {...props} /> },
            { key: 'blocklist', label: t('tabBlocklist'), children: <BlocklistTab {...props} /> },
            { key: 'roles', label: t('tabRoles'), children: <RolesTab {...props} /> },
          ]}
        />
      </div>
    </>
  );
};

export default ModerationPage;
