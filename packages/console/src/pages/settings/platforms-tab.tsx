import { Alert, Button, Space, Table, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/index.js';
import { messages } from './settings.messages.js';

type Row = {
  platform: 'sandbox' | 'telegram' | 'wechat';
  name: 'platformSandbox' | 'platformTelegram' | 'platformWechat';
  connected: boolean;
  note: 'sandboxNote' | 'telegramNote' | 'wechatNote';
  link: { to: string; label: 'openSandbox' | 'openImport' };
};

// The API reports no connection status yet: these rows say what this version has, no more.
const ROWS: Row[] = [
  {
    platform: 'sandbox',
    name: 'platformSandbox',
    connected: true,
    note: 'sandboxNote',
    link: { to: '/sandbox', label: 'openSandbox' },
  },
  {
    platform: 'telegram',
    name: 'platformTelegram',
    connected: false,
    note: 'telegramNote',
    link: { to: '/import', label: 'openImport' },
  },
  {
    platform: 'wechat',
    name: 'platformWechat',
    connected: false,
    note: 'wechatNote',
    link: { to: '/import', label: 'openImport' },
  },
];

export const PlatformsTab = () => {
  const t = useT(messages);
  const navigate = useNavigate();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('platformsIntro')} />
      <Table<Row>
        data-testid="settings-platforms-table"
        rowKey="platform"
        pagination={false}
        scroll={{ x: true }}
        dataSource={ROWS}
        columns={[
          { title: t('platform'), dataIndex: 'name', render: (k: Row['name']) => t(k) },
          {
            title: t('connection'),
            dataIndex: 'connected',
            render: (connected: boolean, r) => (
              <Tag color={connected ? 'success' : 'default'} data-testid={`platform-status-${r.platform}`}>
                {connected ? t('connected') : t('notConnected')}
              </Tag>
            ),
          },
          { title: t('notes'), dataIndex: 'note', render: (k: Row['note']) => t(k) },
          {
            title: '',
            render: (_, r) => (
              <Button size="small" onClick={() => navigate(r.link.to)}>
                {t(r.link.label)}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
};
