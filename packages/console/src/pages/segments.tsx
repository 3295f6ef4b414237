import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../i18n/index.js';
import { PondsTab } from './segments/ponds-tab.js';
import { segmentsMessages } from './segments/segments.messages.js';
import { SegmentsTab } from './segments/segments-tab.js';

const TABS = ['segments', 'ponds'] as const;

/** Segments (分群) and ponds (鱼塘). */
const SegmentsPage = () => {
  const t = useT(segmentsMessages);
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'segments';
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
          { key: 'segments', label: t('segmentsTab'), children: <SegmentsTab /> },
          { key: 'ponds', label: t('pondsTab'), children: <PondsTab /> },
        ]}
      />
    </>
  );
};

export default SegmentsPage;
