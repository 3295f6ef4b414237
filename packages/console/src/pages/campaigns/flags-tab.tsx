import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import { useCommunityId, useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { campaignMessages, ruleLabel, ruleWhy } from './campaigns.messages.js';
import type { Campaign, Flag } from './types.js';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** What the anti-fraud rules found, each with its reason; a steward restores a voided credit (or undoes that). */
export const FlagsTab = ({ campaign }: { campaign: Campaign }) => {
  const t = useT(campaignMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const [onlyActive, setOnlyActive] = useState(true);
  const [note, setNote] = useState('');
  const base = `/communities/${communityId}/campaigns/${campaign.id}`;
  const flags = useQuery({
    queryKey: ['community', communityId, 'campaigns', campaign.id, 'flags', onlyActive],
    queryFn: () => api<{ items: Flag[] }>(`${base}/flags`, { query: { active: onlyActive ? 'true' : undefined } }),
    refetchInterval: 30_000,
  });
  const decide = useMutation({
    mutationFn: (v: { inviteeId: number; action: 'restore' | 'void' }) =>
      api(`${base}/flags/${v.inviteeId}/${v.action}`, { body: { note } }),
    onSuccess: async () => {
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['community', communityId, 'campaigns', campaign.id] });
    },
  });
  const steward = session.can('steward');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Switch checked={onlyActive} onChange={setOnlyActive} />
        <Typography.Text>{t('onlyActive')}</Typography.Text>
      </Space>
      <QueryState query={flags}>
        {() => (
          <Table<Flag>
            rowKey={(f) => `${f.inviteeId}:${f.rule}`}
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={flags.data?.items ?? []}
            locale={{ emptyText: t('emptyFlags') }}
            data-testid="campaign-flags"
            columns={[
              {
                title: t('invitee'),
                dataIndex: 'inviteeName',
                render: (n: string, f) => <Link to={`/members/${f.inviteeId}`}>{n}</Link>,
              },
              {
                title: t('inviter'),
                dataIndex: 'inviterName',
                render: (n: string, f) => <Link to={`/members/${f.inviterId}`}>{n}</Link>,
              },
              {
                title: t('rule'),
                dataIndex: 'rule',
                width: 110,
                render: (r: Flag['rule']) => <Tag>{t(ruleLabel[r])}</Tag>,
              },
              {
                title: t('reason'),
                key: 'reason',
                render: (_: unknown, f) => <span title={f.reason}>{t(ruleWhy[f.rule], f.detail)}</span>,
              },
              {
                title: t('detectedAt'),
                dataIndex: 'detectedAt',
                width: 160,
                render: (v: string) => format.dateTime(v),
              },
              {
                title: t('state'),
                key: 'state',
                width: 200,
                render: (_: unknown, f) => {
                  if (!f.active) return <Tag>{t('stateCleared')}</Tag>;
                  if (f.restoredAt) {
                    return (
                      <Space>
                        <Tag color="green" title={f.restoreNote}>
                          {t('stateRestored')}
                        </Tag>
                        <Button
                          size="small"
                          disabled={!steward || decide.isPending}
                          onClick={() => decide.mutate({ inviteeId: f.inviteeId, action: 'void' })}
                        >
                          {t('undoRestore')}
                        </Button>
                      </Space>
                    );
                  }
                  return (
                    <Space>
                      <Tag color="red">{t('stateVoided')}</Tag>
                      <Popconfirm
                        title={t('restoreNote')}
                        description={<Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />}
                        onConfirm={() => decide.mutate({ inviteeId: f.inviteeId, action: 'restore' })}
                        disabled={!steward}
                      >
                        <Button
                          size="small"
                          disabled={!steward || decide.isPending}
                          data-testid={`restore-${f.inviteeId}`}
                        >
                          {t('restore')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
      {decide.isError && <Alert type="error" showIcon title={errorText(decide.error)} />}
    </Space>
  );
};
