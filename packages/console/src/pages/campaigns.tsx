import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client.js';
import { useCommunityId, useSession } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { useT } from '../i18n/index.js';
import { CampaignDetail } from './campaigns/campaign-detail.js';
import { CampaignForm } from './campaigns/campaign-form.js';
import { campaignMessages, statusLabel } from './campaigns/campaigns.messages.js';
import type { Campaign } from './campaigns/types.js';

/** Referral campaigns (裂变活动): the list and a form for a new one, or one campaign by its id. */
const CampaignsPage = () => {
  const t = useT(campaignMessages);
  const communityId = useCommunityId();
  const session = useSession();
  const navigate = useNavigate();
  const { campaignId } = useParams();
  const [creating, setCreating] = useState(false);
  const campaigns = useQuery({
    queryKey: ['community', communityId, 'campaigns'],
    queryFn: () => api<{ items: Campaign[] }>(`/communities/${communityId}/campaigns`),
    enabled: campaignId === undefined,
  });
  if (campaignId !== undefined) return <CampaignDetail campaignId={Number(campaignId)} />;
  const admin = session.can('admin');
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {admin && !creating && (
        <Button
          type="primary"
          onClick={() => setCreating(true)}
          style={{ marginBottom: 16 }}
          data-testid="campaign-new"
        >
          {t('newCampaign')}
        </Button>
      )}
      {creating && (
        <Card
          size="small"
          title={t('newCampaign')}
          extra={<Button onClick={() => setCreating(false)}>{t('cancel')}</Button>}
          style={{ marginBottom: 16 }}
        >
          <CampaignForm onDone={(c) => navigate(`/campaigns/${c.id}`)} />
        </Card>
      )}
      <QueryState
        query={campaigns}
        empty={{
          when: (campaigns.data?.items.length ?? 0) === 0 && !creating,
          title: t('empty'),
          action: t('emptyHint'),
        }}
      >
        {() => (
          <Table<Campaign>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={campaigns.data?.items ?? []}
            data-testid="campaigns-table"
            onRow={(c) => ({ onClick: () => navigate(`/campaigns/${c.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('name'), dataIndex: 'name' },
              { title: t('period'), key: 'period', render: (_: unknown, c) => `${c.startsOn} – ${c.endsOn}` },
              {
                title: t('tiers'),
                key: 'tiers',
                render: (_: unknown, c) => c.tiers.map((x) => x.invites).join(' / ') || '—',
              },
              {
                title: t('status'),
                dataIndex: 'status',
                width: 110,
                render: (s: Campaign['status']) => (
                  <Tag color={s === 'running' ? 'green' : s === 'ended' ? 'blue' : 'default'}>{t(statusLabel[s])}</Tag>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
};

export default CampaignsPage;
