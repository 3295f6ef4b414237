import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import type { Member, Page } from '../../api/types.js';
import { useCommunityId, useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useT } from '../../i18n/index.js';
import { campaignMessages } from './campaigns.messages.js';
import type { Campaign, Participant } from './types.js';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** Participants with their personal link and poster downloads; a steward adds members. */
export const ParticipantsTab = ({ campaign }: { campaign: Campaign }) => {
  const t = useT(campaignMessages);
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [memberId, setMemberId] = useState<number | undefined>();
  const base = `/communities/${communityId}/campaigns/${campaign.id}`;
  const participants = useQuery({
    queryKey: ['community', communityId, 'campaigns', campaign.id, 'participants'],
    queryFn: () => api<{ items: Participant[] }>(`${base}/participants`),
    // A personal invite link arrives when the outbox has created it.
    refetchInterval: 15_000,
  });
  const found = useQuery({
    queryKey: ['community', communityId, 'members', 'search', q],
    queryFn: () => api<Page<Member>>(`/communities/${communityId}/members`, { query: { q, pageSize: 20 } }),
    enabled: q.trim().length > 0,
  });
  const add = useMutation({
    mutationFn: (id: number) => api(`${base}/participants`, { body: { memberId: id } }),
    onSuccess: async () => {
      setMemberId(undefined);
      await queryClient.invalidateQueries({ queryKey: ['community', communityId, 'campaigns', campaign.id] });
    },
  });
  const poster = (m: number, format: 'svg' | 'png') => `/api/v1${base}/participants/${m}/poster?format=${format}`;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {session.can('steward') && campaign.status !== 'ended' && (
        <Space wrap data-testid="participant-add">
          <Select<number>
            showSearch
            filterOption={false}
            style={{ minWidth: 260 }}
            placeholder={t('searchMember')}
            value={memberId}
            onSearch={setQ}
            onChange={setMemberId}
            loading={found.isFetching}
            options={(found.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.displayName} · #${m.id}` }))}
            data-testid="participant-search"
          />
          <Button
            type="primary"
            disabled={memberId === undefined}
            loading={add.isPending}
            onClick={() => memberId !== undefined && add.mutate(memberId)}
            data-testid="participant-add-button"
          >
            {t('addParticipant')}
          </Button>
        </Space>
      )}
      {add.isError && <Alert type="error" showIcon title={errorText(add.error)} />}
      <QueryState query={participants}>
        {() => (
          <Table<Participant>
            rowKey="memberId"
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={participants.data?.items ?? []}
            data-testid="campaign-participants"
            columns={[
              {
                title: t('member'),
                dataIndex: 'name',
                render: (n: string, p) => <Link to={`/members/${p.memberId}`}>{n}</Link>,
              },
              { title: t('invites'), dataIndex: 'invites', width: 100, align: 'right' as const },
              {
                title: t('source'),
                dataIndex: 'source',
                width: 120,
                render: (s: Participant['source']) => (
                  <Tag>{t(s === 'operator' ? 'sourceOperator' : 'sourceInvites')}</Tag>
                ),
              },
              {
                title: t('link'),
                key: 'link',
                render: (_: unknown, p) =>
                  p.link.url ? (
                    <Typography.Text copyable ellipsis style={{ maxWidth: 360 }}>
                      {p.link.url}
                    </Typography.Text>
                  ) : (
                    <Space>
                      <Typography.Text type="secondary">
                        {p.link.status === 'none' ? t('linkNone') : t('linkPending', { status: p.link.status })}
                        {p.link.error ? ` · ${p.link.error}` : ''}
                      </Typography.Text>
                      {p.link.status === 'none' && session.can('steward') && campaign.status !== 'ended' && (
                        <Button size="small" loading={add.isPending} onClick={() => add.mutate(p.memberId)}>
                          {t('makeLink')}
                        </Button>
                      )}
                    </Space>
                  ),
              },
              {
                title: t('poster'),
                key: 'poster',
                width: 140,
                render: (_: unknown, p) =>
                  p.link.url ? (
                    <Space>
                      <a href={poster(p.memberId, 'svg')} download data-testid={`poster-svg-${p.memberId}`}>
                        SVG
                      </a>
                      <a href={poster(p.memberId, 'png')} download>
                        PNG
                      </a>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
};
