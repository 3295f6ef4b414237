import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Switch, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import { useCommunityId, useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { engagementMessages } from './engagement.messages.js';

type Reward = { id: number; name: string; cost: number; stock: number | null; needsApproval: boolean; active: boolean };
type Redemption = {
  id: number;
  rewardName: string;
  memberId: number;
  memberName: string;
  cost: number;
  status: 'pending' | 'approved' | 'declined';
  requestedAt: string;
};

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** Rewards with their stock, a form to offer one (admins), and the redemptions awaiting approval. */
export const RewardsTab = () => {
  const t = useT(engagementMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; cost: number; stock?: number; needsApproval: boolean }>();
  const rewards = useQuery({
    queryKey: ['community', communityId, 'rewards'],
    queryFn: () => api<{ items: Reward[] }>(`/communities/${communityId}/rewards`),
  });
  const pending = useQuery({
    queryKey: ['community', communityId, 'redemptions', 'pending'],
    queryFn: () =>
      api<{ items: Redemption[] }>(`/communities/${communityId}/redemptions`, { query: { status: 'pending' } }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['community', communityId] });
  const offer = useMutation({
    mutationFn: (v: { name: string; cost: number; stock?: number; needsApproval: boolean }) =>
      api<Reward>(`/communities/${communityId}/rewards`, { body: { ...v, stock: v.stock ?? null } }),
    onSuccess: async () => {
      form.resetFields();
      await refresh();
    },
  });
  const decide = useMutation({
    mutationFn: (v: { id: number; decision: 'approve' | 'decline' }) =>
      api(`/communities/${communityId}/redemptions/${v.id}/decision`, { body: { decision: v.decision } }),
    onSuccess: refresh,
  });
  const steward = session.can('steward');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('pendingRedemptions')}>
        <QueryState query={pending}>
          {() => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={pending.data?.items ?? []}
              locale={{ emptyText: t('noPending') }}
              data-testid="redemptions-pending"
              columns={[
                { title: t('at'), dataIndex: 'requestedAt', width: 170, render: (v: string) => format.dateTime(v) },
                {
                  title: t('member'),
                  dataIndex: 'memberName',
                  render: (n: string, r: Redemption) => (
                    <Link to={`/members/${r.memberId}`}>{n || `#${r.memberId}`}</Link>
                  ),
                },
                { title: t('reward'), dataIndex: 'rewardName' },
                { title: t('cost'), dataIndex: 'cost', width: 90, align: 'right' as const },
                {
                  key: 'decide',
                  width: 200,
                  render: (_: unknown, r: Redemption) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        disabled={!steward || decide.isPending}
                        onClick={() => decide.mutate({ id: r.id, decision: 'approve' })}
                      >
                        {t('approve')}
                      </Button>
                      <Button
                        size="small"
                        disabled={!steward || decide.isPending}
                        onClick={() => decide.mutate({ id: r.id, decision: 'decline' })}
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
        {decide.isError && <Alert type="error" showIcon title={errorText(decide.error)} style={{ marginTop: 8 }} />}
      </Card>
      <Card size="small" title={t('rewards')}>
        <QueryState query={rewards}>
          {() => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={rewards.data?.items ?? []}
              locale={{ emptyText: t('noRewards') }}
              data-testid="rewards-table"
              columns={[
                { title: t('reward'), dataIndex: 'name' },
                { title: t('cost'), dataIndex: 'cost', width: 90, align: 'right' as const },
                {
                  title: t('stock'),
                  dataIndex: 'stock',
                  width: 100,
                  align: 'right' as const,
                  render: (s: number | null) => (s === null ? t('unlimited') : format.number(s)),
                },
                {
                  title: t('approval'),
                  dataIndex: 'needsApproval',
                  width: 110,
                  render: (v: boolean) => <Tag>{v ? t('needsApproval') : t('instant')}</Tag>,
                },
              ]}
            />
          )}
        </QueryState>
        {session.can('admin') && (
          <Form
            form={form}
            layout="inline"
            initialValues={{ needsApproval: true }}
            onFinish={(v) => offer.mutate(v)}
            style={{ marginTop: 12, rowGap: 8 }}
            data-testid="reward-add"
          >
            <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input placeholder={t('reward')} />
            </Form.Item>
            <Form.Item name="cost" rules={[{ required: true }]}>
              <InputNumber min={1} precision={0} placeholder={t('cost')} />
            </Form.Item>
            <Form.Item name="stock">
              <InputNumber min={0} precision={0} placeholder={t('unlimited')} />
            </Form.Item>
            <Form.Item name="needsApproval" valuePropName="checked" label={t('needsApproval')}>
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={offer.isPending}>
              {t('offer')}
            </Button>
          </Form>
        )}
        {offer.isError && <Alert type="error" showIcon title={errorText(offer.error)} style={{ marginTop: 8 }} />}
      </Card>
    </Space>
  );
};
