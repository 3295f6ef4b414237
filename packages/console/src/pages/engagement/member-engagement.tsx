import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Popover, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useLanguage, useT } from '../../i18n/index.js';
import { engagementMessages } from './engagement.messages.js';
import { LedgerList } from './ledger-list.js';
import type { MemberEngagement } from './types.js';

const AdjustPoints = ({ communityId, memberId }: { communityId: number; memberId: number }) => {
  const t = useT(engagementMessages);
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ amount: number; reason: string }>();
  const save = useMutation({
    mutationFn: (v: { amount: number; reason: string }) =>
      api<{ points: number }>(`/communities/${communityId}/members/${memberId}/points`, { body: v }),
    onSuccess: async () => {
      setOpen(false);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['community', communityId] });
    },
  });
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ width: 260 }}>
          <Form.Item name="amount" label={t('adjustAmount')} rules={[{ required: true }]}>
            <InputNumber min={-100000} max={100000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label={t('adjustReason')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} block>
            {t('adjust')}
          </Button>
          {save.isError && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 8 }}
              title={save.error instanceof ApiError ? save.error.message : String(save.error)}
            />
          )}
        </Form>
      }
    >
      <Button size="small" data-testid="adjust-points">
        {t('adjust')}
      </Button>
    </Popover>
  );
};

/** A steward redeems a reward for the member (who asked in the group, or in person). */
const Redeem = ({ communityId, memberId }: { communityId: number; memberId: number }) => {
  const t = useT(engagementMessages);
  const queryClient = useQueryClient();
  const [rewardId, setRewardId] = useState<number | undefined>();
  const rewards = useQuery({
    queryKey: ['community', communityId, 'rewards'],
    queryFn: () =>
      api<{ items: { id: number; name: string; cost: number; stock: number | null; active: boolean }[] }>(
        `/communities/${communityId}/rewards`,
      ),
  });
  const redeem = useMutation({
    mutationFn: (id: number) => api(`/communities/${communityId}/redemptions`, { body: { memberId, rewardId: id } }),
    onSuccess: async () => {
      setRewardId(undefined);
      await queryClient.invalidateQueries({ queryKey: ['community', communityId] });
    },
  });
  const offered = (rewards.data?.items ?? []).filter((r) => r.active && r.stock !== 0);
  if (offered.length === 0) return null;
  return (
    <Space wrap>
      <Select<number>
        aria-label={t('reward')}
        placeholder={t('reward')}
        value={rewardId}
        onChange={setRewardId}
        style={{ minWidth: 200 }}
        options={offered.map((r) => ({ value: r.id, label: `${r.name} · ${r.cost}` }))}
      />
      <Button
        size="small"
        disabled={rewardId === undefined}
        loading={redeem.isPending}
        onClick={() => rewardId !== undefined && redeem.mutate(rewardId)}
      >
        {t('redeem')}
      </Button>
      {redeem.isError && (
        <Alert
          type="error"
          showIcon
          title={redeem.error instanceof ApiError ? redeem.error.message : String(redeem.error)}
        />
      )}
    </Space>
  );
};

/** A member's points, level, check-ins, streak and badges, with the ledger behind them. */
export const MemberEngagementCard = ({ communityId, memberId }: { communityId: number; memberId: number }) => {
  const t = useT(engagementMessages);
  const format = useFormat();
  const { language } = useLanguage();
  const session = useSession();
  const engagement = useQuery({
    queryKey: ['community', communityId, 'member', memberId, 'engagement'],
    queryFn: () => api<MemberEngagement>(`/communities/${communityId}/members/${memberId}/engagement`),
  });
  return (
    <QueryState query={engagement}>
      {() => {
        const e = engagement.data as MemberEngagement;
        return (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              data-testid="member-engagement"
              items={[
                { key: 'points', label: t('points'), children: format.number(e.points) },
                {
                  key: 'level',
                  label: t('level'),
                  children: `Lv${e.level.level} · ${e.level.title[language] ?? ''}`,
                },
                { key: 'checkins', label: t('checkIns'), children: format.number(e.checkIns) },
                { key: 'streak', label: t('streak'), children: t('days', { n: e.streak }) },
                { key: 'invites', label: t('invites'), children: format.number(e.invites) },
                {
                  key: 'badges',
                  label: t('badges'),
                  children:
                    e.badges.length === 0 ? (
                      <Typography.Text type="secondary">{t('noBadges')}</Typography.Text>
                    ) : (
                      e.badges.map((b) => <Tag key={b.badge}>{b.badge}</Tag>)
                    ),
                },
              ]}
            />
            <Space wrap>
              {session.can('admin') && <AdjustPoints communityId={communityId} memberId={memberId} />}
              {session.can('steward') && <Redeem communityId={communityId} memberId={memberId} />}
            </Space>
            <LedgerList memberId={memberId} />
          </Space>
        );
      }}
    </QueryState>
  );
};
