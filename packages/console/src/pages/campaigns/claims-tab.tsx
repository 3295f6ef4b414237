import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { useCommunityId } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { campaignMessages, claimStatusLabel } from './campaigns.messages.js';
import type { Campaign, Claim } from './types.js';

/** Reward claims of the campaign's tiers; approving a pending one is done on the 促活 page's rewards tab. */
export const ClaimsTab = ({ campaign }: { campaign: Campaign }) => {
  const t = useT(campaignMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const claims = useQuery({
    queryKey: ['community', communityId, 'campaigns', campaign.id, 'claims'],
    queryFn: () => api<{ items: Claim[] }>(`/communities/${communityId}/campaigns/${campaign.id}/claims`),
  });
  return (
    <QueryState query={claims}>
      {() => (
        <Table<Claim>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={claims.data?.items ?? []}
          locale={{ emptyText: t('emptyClaims') }}
          data-testid="campaign-claims"
          columns={[
            {
              title: t('requestedAt'),
              dataIndex: 'requestedAt',
              width: 170,
              render: (v: string) => format.dateTime(v),
            },
            {
              title: t('member'),
              dataIndex: 'memberName',
              render: (n: string, c) => <Link to={`/members/${c.memberId}`}>{n}</Link>,
            },
            {
              title: t('tiers'),
              dataIndex: 'tier',
              width: 100,
              render: (i: number | null) => t('tierN', { n: (i ?? 0) + 1 }),
            },
            { title: t('reward'), dataIndex: 'rewardName' },
            {
              title: t('state'),
              dataIndex: 'status',
              width: 120,
              render: (s: Claim['status']) => (
                <Tag color={s === 'approved' ? 'green' : s === 'pending' ? 'gold' : 'default'}>
                  {t(claimStatusLabel[s])}
                </Tag>
              ),
            },
          ]}
        />
      )}
    </QueryState>
  );
};
