import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import { useCommunityId, useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { campaignMessages, claimStatusLabel } from './campaigns.messages.js';
import type { Campaign, Claim, Leaderboard, Reward, Standing } from './types.js';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** The live leaderboard, refreshed every 15 s, with each participant's tiers and their claims. */
export const LeaderboardTab = ({ campaign }: { campaign: Campaign }) => {
  const t = useT(campaignMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const base = `/communities/${communityId}/campaigns/${campaign.id}`;
  const board = useQuery({
    queryKey: ['community', communityId, 'campaigns', campaign.id, 'leaderboard'],
    queryFn: () => api<Leaderboard>(`${base}/leaderboard`),
    refetchInterval: 15_000,
  });
  const claims = useQuery({
    queryKey: ['community', communityId, 'campaigns', campaign.id, 'claims'],
    queryFn: () => api<{ items: Claim[] }>(`${base}/claims`),
    refetchInterval: 15_000,
  });
  const rewards = useQuery({
    queryKey: ['community', communityId, 'rewards'],
    queryFn: () => api<{ items: Reward[] }>(`/communities/${communityId}/rewards`),
  });
  const claim = useMutation({
    mutationFn: (v: { memberId: number; tier: number }) => api<Claim>(`${base}/claims`, { body: v }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['community', communityId] }),
  });
  const rewardName = (id: number) => rewards.data?.items.find((r) => r.id === id)?.name ?? `#${id}`;
  const claimOf = (memberId: number, tier: number) =>
    claims.data?.items.find((c) => c.memberId === memberId && c.tier === tier && c.status !== 'declined');
  const steward = session.can('steward') && campaign.status !== 'draft';
  return (
    <QueryState query={board} empty={{ when: (board.data?.items.length ?? 0) === 0, title: t('emptyBoard') }}>
      {() => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary" data-testid="campaign-totals">
            {t('totals', board.data?.totals ?? {})} ·{' '}
            {t('updatedAt', { at: format.dateTime(board.data?.computedAt ?? null) })}
          </Typography.Text>
          <Table<Standing>
            rowKey="memberId"
            size="small"
            pagination={false}
            dataSource={board.data?.items ?? []}
            data-testid="campaign-leaderboard"
            columns={[
              { title: t('rank'), dataIndex: 'rank', width: 70 },
              {
                title: t('member'),
                dataIndex: 'name',
                render: (n: string, s) => <Link to={`/members/${s.memberId}`}>{n || `#${s.memberId}`}</Link>,
              },
              { title: t('invites'), dataIndex: 'invites', width: 100, align: 'right' as const },
              { title: t('pending'), dataIndex: 'pending', width: 90, align: 'right' as const },
              {
                title: t('voided'),
                dataIndex: 'voided',
                width: 90,
                align: 'right' as const,
                render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n),
              },
              {
                title: t('tiersReached'),
                key: 'tiers',
                render: (_: unknown, s) => (
                  <Space wrap>
                    {s.tiersReached.map((i) => {
                      const done = claimOf(s.memberId, i);
                      const tier = campaign.tiers[i];
                      return done ? (
                        <Tag key={i} color={done.status === 'approved' ? 'green' : 'gold'}>
                          {t('claimed', { n: i + 1, status: t(claimStatusLabel[done.status]) })}
                        </Tag>
                      ) : (
                        <Button
                          key={i}
                          size="small"
                          disabled={!steward || claim.isPending}
                          onClick={() => claim.mutate({ memberId: s.memberId, tier: i })}
                          data-testid={`claim-${s.memberId}-${i}`}
                        >
                          {t('claim', { n: i + 1 })}
                          {tier ? ` · ${rewardName(tier.rewardId)}` : ''}
                        </Button>
                      );
                    })}
                  </Space>
                ),
              },
            ]}
          />
          {claim.isError && <Alert type="error" showIcon title={errorText(claim.error)} />}
        </Space>
      )}
    </QueryState>
  );
};
