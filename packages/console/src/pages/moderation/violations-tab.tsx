import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { moderationMessages } from './moderation.messages.js';
import { moderationKey, type Violation } from './types.js';

const PENALTY = {
  warn: 'penaltyWarn',
  mute: 'penaltyMute',
  remove: 'penaltyRemove',
  blocklist: 'penaltyBlocklist',
} as const;
const OUTCOME = { done: 'outcomeDone', alerted: 'outcomeAlerted', sent: 'outcomeSent' } as const;

type Pending = { violation: Violation; decision: 'confirm' | 'restore' };

/** Recent violations with their messages; a steward confirms one or restores the member. */
export const ViolationsTab = ({ communityId, notify }: { communityId: number; notify: (text: string) => void }) => {
  const t = useT(moderationMessages);
  const f = useFormat();
  const session = useSession();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const violations = useQuery({
    queryKey: moderationKey(communityId, 'violations'),
    queryFn: () =>
      api<{ items: Violation[] }>(`/communities/${communityId}/moderation/violations`, { query: { limit: 200 } }),
  });
  const decide = useMutation({
    mutationFn: (p: Pending & { reason: string }) =>
      api(`/communities/${communityId}/moderation/decisions`, {
        body: { ledgerId: p.violation.ledgerId, decision: p.decision, reason: p.reason },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: moderationKey(communityId, 'violations') });
      void queryClient.invalidateQueries({ queryKey: moderationKey(communityId, 'blocklist') });
      setPending(null);
      setReason('');
      notify(t('done'));
    },
  });
  const canDecide = session.can('steward');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {decide.error && <Alert type="error" showIcon title={t('failed', { message: decide.error.message })} />}
      <QueryState
        query={violations}
        empty={{ when: (violations.data?.items.length ?? 0) === 0, title: t('violationsEmpty') }}
      >
        {() => (
          <Table<Violation>
            data-testid="moderation-violations-table"
            rowKey="ledgerId"
            size="middle"
            dataSource={violations.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t('time'), dataIndex: 'at', width: 170, render: (v: string) => f.dateTime(v) },
              {
                title: t('member'),
                dataIndex: 'displayName',
                render: (name: string, v) => <Link to={`/members/${v.memberId}`}>{name || `#${v.memberId}`}</Link>,
              },
              { title: t('group'), dataIndex: 'groupName', render: (g: string | null) => g ?? '—' },
              {
                title: t('message'),
                dataIndex: 'text',
                render: (text: string | null) => (
                  <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 320 }}>
                    {text ?? '—'}
                  </Typography.Text>
                ),
              },
              { title: t('reason'), render: (_, v) => (v.data.reasons ?? []).map((r) => <Tag key={r}>{r}</Tag>) },
              {
                title: t('penalty'),
                render: (_, v) => {
                  const key = PENALTY[v.data.penalty as keyof typeof PENALTY];
                  const outcome = OUTCOME[v.data.outcome as keyof typeof OUTCOME];
                  return (
                    <Space size={4} wrap>
                      {key ? t(key) : v.data.penalty}
                      <Typography.Text type="secondary">{t('count', { n: v.data.count ?? 1 })}</Typography.Text>
                      {outcome && <Tag color={v.data.outcome === 'alerted' ? 'warning' : 'default'}>{t(outcome)}</Tag>}
                    </Space>
                  );
                },
              },
              {
                title: t('status'),
                render: (_, v) =>
                  v.restored ? (
                    <Tag color="blue" title={v.restored.reason}>
                      {t('restored')}
                    </Tag>
                  ) : v.confirmed ? (
                    <Tag color="red" title={v.confirmed.reason}>
                      {t('confirmed')}
                    </Tag>
                  ) : (
                    <Tag>{t('open')}</Tag>
                  ),
              },
              {
                title: t('actions'),
                width: 190,
                render: (_, v) =>
                  canDecide && !v.restored ? (
                    <Space size="small">
                      {!v.confirmed && (
                        <Button size="small" onClick={() => setPending({ violation: v, decision: 'confirm' })}>
                          {t('confirm')}
                        </Button>
                      )}
                      <Button
                        size="small"
                        data-testid={`moderation-restore-${v.ledgerId}`}
                        onClick={() => setPending({ violation: v, decision: 'restore' })}
                      >
                        {t('restore')}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={pending !== null}
        title={pending?.decision === 'restore' ? t('restoreTitle') : t('confirmTitle')}
        okText={pending?.decision === 'restore' ? t('restore') : t('confirm')}
        confirmLoading={decide.isPending}
        onOk={() => pending && decide.mutate({ ...pending, reason: reason.trim() })}
        onCancel={() => setPending(null)}
      >
        {pending?.decision === 'restore' && (
          <Typography.Paragraph type="secondary">{t('restoreHelp')}</Typography.Paragraph>
        )}
        <Input.TextArea
          aria-label={t('decisionReason')}
          data-testid="moderation-decision-reason"
          placeholder={t('decisionReasonPlaceholder')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
};
