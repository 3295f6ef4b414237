import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n/index.js';
import { engagementMessages } from './engagement/engagement.messages.js';
import { LeaderboardTab } from './engagement/leaderboard-tab.js';
import { LedgerList } from './engagement/ledger-list.js';
import { RewardsTab } from './engagement/rewards-tab.js';
import { TestimonialsTab } from './engagement/testimonials-tab.js';

const TABS = ['leaderboard', 'rewards', 'testimonials', 'ledger'] as const;

/** Activation (促活): leaderboards, testimonials from check-ins, and the ledger behind them. */
const EngagementPage = () => {
  const t = useT(engagementMessages);
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'leaderboard';
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: 'leaderboard', label: t('leaderboard'), children: <LeaderboardTab /> },
          { key: 'rewards', label: t('rewardsTab'), children: <RewardsTab /> },
          { key: 'testimonials', label: t('testimonials'), children: <TestimonialsTab /> },
          { key: 'ledger', label: t('ledger'), children: <LedgerList /> },
        ]}
      />
    </>
  );
};

export default EngagementPage;
