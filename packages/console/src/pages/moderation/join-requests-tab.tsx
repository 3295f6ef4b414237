import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { api } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { moderationMessages } from './moderation.messages.js';
import { type JoinRequest, moderationKey } from './types.js';

/** The entry gate's queue: requests its rules did not approve, waiting for a steward. */
export const JoinRequestsTab = ({ communityId, notify }: { communityId: number; notify: (text: string) => void }) => {
  const t = useT(moderationMessages);
  const f = useFormat();
  const queryClient = useQueryClient();
  const requests = useQuery({
    queryKey: moderationKey(communityId, 'join-requests'),
    queryFn: () => api<{ items: JoinRequest[] }>(`/communities/${communityId}/moderation/join-requests`),
  });
  const decide = useMutation({
    mutationFn: (p: { ledgerId: number; decision: 'approve' | 'decline' }) =>
      api(`/communities/${communityId}/moderation/join-requests/${p.ledgerId}/decision`, {
        body: { decision: p.decision },
      }),
    onSuccess: (_, p) => {
      void queryClient.invalidateQueries({ queryKey: moderationKey(communityId, 'join-requests') });
      notify(p.decision === 'approve' ? t('approved') : t('declined'));
    },
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {decide.error && <Alert type="error" showIcon title={t('failed', { message: decide.error.message })} />}
      <QueryState query={requests} empty={{ when: (requests.data?.items.length ?? 0) === 0, title: t('joinEmpty') }}>
        {() => (
          <Table<JoinRequest>
            data-testid="moderation-join-table"
            rowKey="ledgerId"
            size="middle"
            dataSource={requests.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t('time'), dataIndex: 'at', width: 170, render: (v: string) => f.dateTime(v) },
              { title: t('member'), dataIndex: 'displayName' },
              { title: t('username'), dataIndex: 'username', render: (u: string | null) => u ?? '—' },
              { title: t('group'), dataIndex: 'groupName' },
              {
                title: t('answers'),
                dataIndex: 'answers',
                render: (a: string) => <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{a || '—'}</Typography.Text>,
              },
              {
                title: t('actions'),
                width: 170,
                render: (_, r) => (
                  <Space size="small">
                    <Button
                      size="small"
                      type="primary"
                      loading={decide.isPending}
                      onClick={() => decide.mutate({ ledgerId: r.ledgerId, decision: 'approve' })}
                    >
                      {t('approve')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      loading={decide.isPending}
                      onClick={() => decide.mutate({ ledgerId: r.ledgerId, decision: 'decline' })}
                    >
                      {t('decline')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </Space>
  );
};
