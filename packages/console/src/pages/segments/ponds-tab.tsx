import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import type { Group } from '../../api/types.js';
import { useCommunityId, useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { segmentsMessages } from './segments.messages.js';
import type { Pond, Segment } from './types.js';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

type PondForm = {
  name: string;
  segmentId: number;
  targetGroupId: number;
  joinLink: string;
  template?: string;
  perMessage: number;
  cooldownDays: number;
};
type Invite = { memberId: number; memberName: string; groupId: number; invitedAt: string; joined: boolean };

/** Ponds (鱼塘): figures per pond, inviting its waiting members, and a form for a new one. */
export const PondsTab = () => {
  const t = useT(segmentsMessages);
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PondForm>();
  const [open, setOpen] = useState<number | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const ponds = useQuery({
    queryKey: ['community', communityId, 'ponds'],
    queryFn: () => api<{ items: Pond[] }>(`/communities/${communityId}/ponds`),
  });
  const segments = useQuery({
    queryKey: ['community', communityId, 'segments'],
    queryFn: () => api<{ items: Segment[] }>(`/communities/${communityId}/segments`),
  });
  const groups = useQuery({
    queryKey: ['community', communityId, 'groups', 'options'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['community', communityId, 'ponds'] });
  const create = useMutation({
    mutationFn: (v: PondForm) =>
      api<Pond>(`/communities/${communityId}/ponds`, { body: { ...v, template: v.template ?? '' } }),
    onSuccess: async () => {
      form.resetFields();
      await refresh();
    },
  });
  const invite = useMutation({
    mutationFn: (p: Pond) =>
      api<{ invited: number; messages: number; groups: number }>(`/communities/${communityId}/ponds/${p.id}/invite`, {
        body: { max: 50 },
      }),
    onSuccess: async (r) => {
      setResult(t('inviteResult', r));
      await refresh();
    },
  });
  const steward = session.can('steward');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('pondsIntro')}</Typography.Paragraph>
      <Card size="small" title={t('ponds')}>
        <QueryState query={ponds}>
          {() => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={ponds.data?.items ?? []}
              locale={{ emptyText: t('noPonds') }}
              data-testid="ponds-table"
              expandable={{
                expandedRowKeys: open === null ? [] : [open],
                onExpand: (expanded, p) => setOpen(expanded ? p.id : null),
                expandedRowRender: (p) => <PondInvites pond={p} />,
              }}
              columns={[
                { title: t('pond'), dataIndex: 'name' },
                { title: t('segment'), dataIndex: 'segmentName' },
                { title: t('targetGroup'), dataIndex: 'targetGroupName' },
                {
                  title: t('size'),
                  key: 'segment',
                  align: 'right' as const,
                  render: (_: unknown, p: Pond) => p.stats.segment,
                },
                {
                  title: t('inTarget'),
                  key: 'in',
                  align: 'right' as const,
                  render: (_: unknown, p: Pond) => p.stats.inTarget,
                },
                {
                  title: t('waiting'),
                  key: 'waiting',
                  align: 'right' as const,
                  render: (_: unknown, p: Pond) => (
                    <span data-testid={`pond-waiting-${p.id}`}>
                      {p.stats.waiting}
                      {p.stats.unreachable > 0 && (
                        <Typography.Text type="secondary">{` (+${p.stats.unreachable} ${t('unreachable')})`}</Typography.Text>
                      )}
                    </span>
                  ),
                },
                {
                  title: t('invited'),
                  key: 'invited',
                  align: 'right' as const,
                  render: (_: unknown, p: Pond) => p.stats.invited,
                },
                {
                  title: t('converted'),
                  key: 'converted',
                  align: 'right' as const,
                  render: (_: unknown, p: Pond) => (
                    <span data-testid={`pond-converted-${p.id}`}>{p.stats.converted}</span>
                  ),
                },
                {
                  key: 'invite',
                  render: (_: unknown, p: Pond) => (
                    <Button
                      size="small"
                      type="primary"
                      disabled={!steward || p.stats.waiting === 0 || invite.isPending}
                      onClick={() => invite.mutate(p)}
                      data-testid={`pond-invite-${p.id}`}
                    >
                      {t('invite', { n: Math.min(50, p.stats.waiting) })}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
        {result && <Alert type="success" showIcon title={result} style={{ marginTop: 8 }} data-testid="pond-result" />}
        {invite.isError && <Alert type="error" showIcon title={errorText(invite.error)} style={{ marginTop: 8 }} />}
      </Card>
      {steward && (
        <Card size="small" title={t('newPond')}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ perMessage: 10, cooldownDays: 30 }}
            onFinish={(v) => create.mutate(v)}
            data-testid="pond-add"
          >
            <Space wrap align="start">
              <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
                <Input style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name="segmentId" label={t('segment')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 180 }}
                  options={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                />
              </Form.Item>
              <Form.Item name="targetGroupId" label={t('targetGroup')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 180 }}
                  showSearch
                  optionFilterProp="label"
                  options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
                />
              </Form.Item>
              <Form.Item
                name="joinLink"
                label={t('joinLink')}
                tooltip={t('joinLinkHint')}
                rules={[{ required: true, type: 'url' }]}
              >
                <Input style={{ width: 260 }} placeholder="https://" />
              </Form.Item>
              <Form.Item name="perMessage" label={t('perMessage')}>
                <InputNumber min={1} max={50} precision={0} />
              </Form.Item>
              <Form.Item name="cooldownDays" label={t('cooldownDays')}>
                <InputNumber min={0} max={365} precision={0} />
              </Form.Item>
            </Space>
            <Form.Item name="template" label={t('template')} tooltip={t('templateHint')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('create')}
            </Button>
          </Form>
          {create.isError && <Alert type="error" showIcon title={errorText(create.error)} style={{ marginTop: 8 }} />}
        </Card>
      )}
    </Space>
  );
};

const PondInvites = ({ pond }: { pond: Pond }) => {
  const t = useT(segmentsMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const detail = useQuery({
    queryKey: ['community', communityId, 'ponds', pond.id, 'detail', pond.stats.invited],
    queryFn: () => api<{ invites: Invite[] }>(`/communities/${communityId}/ponds/${pond.id}`, { query: { limit: 50 } }),
  });
  return (
    <QueryState query={detail}>
      {() => (
        <Table
          rowKey={(i) => `${i.memberId}-${i.invitedAt}`}
          size="small"
          pagination={false}
          title={() => t('recentInvites')}
          dataSource={detail.data?.invites ?? []}
          columns={[
            {
              title: t('member'),
              dataIndex: 'memberName',
              render: (n: string, i: Invite) => <Link to={`/members/${i.memberId}`}>{n}</Link>,
            },
            { title: t('invitedAt'), dataIndex: 'invitedAt', render: (v: string) => format.dateTime(v) },
            {
              key: 'joined',
              render: (_: unknown, i: Invite) =>
                i.joined ? <Tag color="green">{t('joinedYes')}</Tag> : <Tag>{t('joinedNo')}</Tag>,
            },
          ]}
        />
      )}
    </QueryState>
  );
};
