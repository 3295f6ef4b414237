import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, message, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import type { ActionStatus, Group, OutboxAction, OutboxCounts } from '../api/types.js';
import { useCommunityId, useSession } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { useFormat, useT } from '../i18n/index.js';
import { outboxMessages } from './outbox/outbox.messages.js';

type View = 'attention' | 'waiting' | 'all';
const STATUSES: Record<View, ActionStatus[] | undefined> = {
  attention: ['failed', 'unknown'],
  waiting: ['pending', 'sending'],
  all: undefined,
};
const COLOR: Record<ActionStatus, string> = {
  pending: 'processing',
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  skipped: 'default',
  unknown: 'warning',
};

export const outboxCountsKey = (communityId: number) => ['community', communityId, 'outbox'] as const;

/** The outbox: what needs a person (failed, unknown) with retry and dismiss; what waits; everything. */
const OutboxPage = () => {
  const t = useT(outboxMessages);
  const f = useFormat();
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const [toast, toastHolder] = message.useMessage();
  const [view, setView] = useState<View>('attention');
  const counts = useQuery({
    queryKey: outboxCountsKey(communityId),
    queryFn: () => api<OutboxCounts>(`/communities/${communityId}/outbox`),
    refetchInterval: 10_000,
  });
  const groups = useQuery({
    queryKey: ['community', communityId, 'groups'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
  });
  const actions = useQuery({
    queryKey: ['community', communityId, 'outbox', view],
    queryFn: async () => {
      const wanted = STATUSES[view];
      // The newest first: the list API pages by id, so read each status and merge.
      const lists = await Promise.all(
        (wanted ?? [undefined]).map((status) =>
          api<{ items: OutboxAction[] }>(`/communities/${communityId}/actions`, {
            query: { limit: 500, ...(status ? { status } : {}) },
          }),
        ),
      );
      return lists.flatMap((l) => l.items).sort((a, b) => b.id - a.id);
    },
    refetchInterval: 10_000,
  });
  const settle = useMutation({
    mutationFn: ({ id, op }: { id: number; op: 'retry' | 'dismiss' }) =>
      api<OutboxAction>(`/communities/${communityId}/actions/${id}/${op}`, { body: {} }),
    onSuccess: (_, { op }) => {
      void queryClient.invalidateQueries({ queryKey: ['community', communityId, 'outbox'] });
      void toast.success(op === 'retry' ? t('retried') : t('dismissed'));
    },
  });
  const groupName = new Map((groups.data?.items ?? []).map((g) => [g.id, g.name]));
  const canSettle = session.can('steward');
  return (
    <>
      {toastHolder}
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('intro')}
        </Typography.Paragraph>
        {counts.data && (
          <Typography.Text data-testid="outbox-summary">
            {t('summary', {
              attention: String(counts.data.attention),
              pending: String(counts.data.pending),
              sending: String(counts.data.sending),
            })}
          </Typography.Text>
        )}
        {(counts.data?.unknown ?? 0) > 0 && <Alert type="warning" showIcon title={t('unknownHelp')} />}
        {settle.error && <Alert type="error" showIcon title={t('failedOp', { message: settle.error.message })} />}
        <Segmented<View>
          value={view}
          onChange={setView}
          options={[
            { value: 'attention', label: t('attention') },
            { value: 'waiting', label: t('waiting') },
            { value: 'all', label: t('all') },
          ]}
        />
        <QueryState query={actions}>
          {() => (
            <Table<OutboxAction>
              data-testid="outbox-table"
              rowKey="id"
              size="middle"
              scroll={{ x: true }}
              dataSource={actions.data ?? []}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: t('empty') }}
              columns={[
                { title: t('when'), dataIndex: 'at', render: (v: string) => f.dateTime(v) },
                {
                  title: t('group'),
                  dataIndex: 'groupId',
                  render: (id: number) => <Link to={`/groups/${id}`}>{groupName.get(id) ?? `#${id}`}</Link>,
                },
                { title: t('play'), dataIndex: 'play' },
                { title: t('kind'), dataIndex: 'kind' },
                {
                  title: t('what'),
                  render: (_, a) => (typeof a.payload.text === 'string' ? a.payload.text.slice(0, 80) : ''),
                },
                {
                  title: t('status'),
                  dataIndex: 'status',
                  render: (s: ActionStatus) => <Tag color={COLOR[s]}>{t(s)}</Tag>,
                },
                { title: t('attempts'), dataIndex: 'attempts' },
                {
                  title: t('error'),
                  render: (_, a) => (
                    <Space orientation="vertical" size={0}>
                      {a.lastError && <Typography.Text type="secondary">{a.lastError}</Typography.Text>}
                      {a.status === 'pending' && a.attempts > 0 && (
                        <Typography.Text type="secondary">
                          {t('nextAttempt', { time: f.dateTime(a.nextAttemptAt) })}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                {
                  title: '',
                  render: (_, a) =>
                    canSettle && (a.status === 'failed' || a.status === 'unknown') ? (
                      <Space>
                        <Button
                          size="small"
                          data-testid={`outbox-retry-${a.id}`}
                          onClick={() => settle.mutate({ id: a.id, op: 'retry' })}
                        >
                          {t('retry')}
                        </Button>
                        <Button size="small" onClick={() => settle.mutate({ id: a.id, op: 'dismiss' })}>
                          {t('dismiss')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          )}
        </QueryState>
      </Space>
    </>
  );
};

export default OutboxPage;
