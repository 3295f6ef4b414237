import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import type { Group } from '../../api/types.js';
import { useCommunityId, useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useT } from '../../i18n/index.js';
import { CampaignForm } from './campaign-form.js';
import { campaignMessages, statusLabel } from './campaigns.messages.js';
import { ClaimsTab } from './claims-tab.js';
import { FlagsTab } from './flags-tab.js';
import { LeaderboardTab } from './leaderboard-tab.js';
import { ParticipantsTab } from './participants-tab.js';
import type { Campaign, CampaignStatus } from './types.js';

const TABS = ['leaderboard', 'participants', 'flags', 'claims'] as const;
const statusColor: Record<CampaignStatus, string> = { draft: 'default', running: 'green', ended: 'blue' };
const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** One campaign: its settings, then the live leaderboard, participants, flagged invites and claims. */
export const CampaignDetail = ({ campaignId }: { campaignId: number }) => {
  const t = useT(campaignMessages);
  const communityId = useCommunityId();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'leaderboard';
  const base = `/communities/${communityId}/campaigns/${campaignId}`;
  const campaign = useQuery({
    queryKey: ['community', communityId, 'campaigns', campaignId],
    queryFn: () => api<Campaign>(base),
  });
  const groups = useQuery({
    queryKey: ['community', communityId, 'groups', 'options'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
  });
  const setStatus = useMutation({
    mutationFn: (status: CampaignStatus) => api<Campaign>(base, { method: 'PATCH', body: { status } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['community', communityId, 'campaigns'] }),
  });
  const remove = useMutation({
    mutationFn: () => api(base, { method: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['community', communityId, 'campaigns'] });
      navigate('/campaigns');
    },
  });
  const admin = session.can('admin');
  return (
    <QueryState query={campaign}>
      {() => {
        const c = campaign.data as Campaign;
        const groupName = (id: number) => groups.data?.items.find((g) => g.id === id)?.name ?? `#${id}`;
        return (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Link to="/campaigns">← {t('back')}</Link>
            <Space align="center" wrap>
              <Typography.Title level={3} className="page-title" style={{ margin: 0 }} data-testid="campaign-title">
                {c.name}
              </Typography.Title>
              <Tag color={statusColor[c.status]}>{t(statusLabel[c.status])}</Tag>
              {admin && c.status === 'draft' && (
                <Button type="primary" onClick={() => setStatus.mutate('running')} loading={setStatus.isPending}>
                  {t('start')}
                </Button>
              )}
              {admin && c.status === 'running' && (
                <Button onClick={() => setStatus.mutate('ended')} loading={setStatus.isPending}>
                  {t('end')}
                </Button>
              )}
              {admin && <Button onClick={() => setEditing((v) => !v)}>{editing ? t('cancel') : t('edit')}</Button>}
              {admin && (
                <Popconfirm title={t('confirmDelete')} onConfirm={() => remove.mutate()}>
                  <Button danger>{t('delete')}</Button>
                </Popconfirm>
              )}
            </Space>
            {setStatus.isError && <Alert type="error" showIcon title={errorText(setStatus.error)} />}
            {editing ? (
              <CampaignForm campaign={c} onDone={() => setEditing(false)} />
            ) : (
              <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
                <Descriptions.Item label={t('period')}>
                  {c.startsOn} – {c.endsOn}
                </Descriptions.Item>
                <Descriptions.Item label={t('targetGroups')}>
                  {c.targetGroupIds.map(groupName).join('、')}
                </Descriptions.Item>
                <Descriptions.Item label={t('tiers')}>
                  {c.tiers.map((tier, i) => `${t('tierN', { n: i + 1 })}: ${tier.invites}`).join(' · ') || '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('liveCode')}>{c.liveCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('description')} span={2}>
                  {c.description || '—'}
                </Descriptions.Item>
              </Descriptions>
            )}
            <Tabs
              activeKey={tab}
              onChange={(key) => setParams({ tab: key }, { replace: true })}
              items={[
                { key: 'leaderboard', label: t('leaderboard'), children: <LeaderboardTab campaign={c} /> },
                { key: 'participants', label: t('participants'), children: <ParticipantsTab campaign={c} /> },
                { key: 'flags', label: t('flags'), children: <FlagsTab campaign={c} /> },
                { key: 'claims', label: t('claims'), children: <ClaimsTab campaign={c} /> },
              ]}
            />
          </Space>
        );
      }}
    </QueryState>
  );
};
