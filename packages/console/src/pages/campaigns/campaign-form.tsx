import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, api } from '../../api/client.js';
import type { Group } from '../../api/types.js';
import { useCommunityId } from '../../auth/session.js';
import { useT } from '../../i18n/index.js';
import { campaignMessages, statusLabel } from './campaigns.messages.js';
import type { Campaign, CampaignRules, CampaignStatus, Reward, Tier } from './types.js';

type Values = {
  name: string;
  description?: string;
  period: [Dayjs, Dayjs];
  targetGroupIds: number[];
  tiers?: Tier[];
  liveCode?: string;
  status: CampaignStatus;
  rules: CampaignRules;
  announce: boolean;
  announceTemplate?: string;
};

const DEFAULT_RULES: CampaignRules = {
  burst: { joins: 5, minutes: 10 },
  quality: { windowDays: 7, minMessages: 1 },
  blocklist: true,
  lookAlike: true,
};

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** Create a campaign, or edit one: every text, the period, groups, tiers, live code and the anti-fraud rules. */
export const CampaignForm = ({ campaign, onDone }: { campaign?: Campaign; onDone: (c: Campaign) => void }) => {
  const t = useT(campaignMessages);
  const communityId = useCommunityId();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const groups = useQuery({
    queryKey: ['community', communityId, 'groups', 'options'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
  });
  const rewards = useQuery({
    queryKey: ['community', communityId, 'rewards'],
    queryFn: () => api<{ items: Reward[] }>(`/communities/${communityId}/rewards`),
  });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        name: v.name,
        description: v.description ?? '',
        startsOn: v.period[0].format('YYYY-MM-DD'),
        endsOn: v.period[1].format('YYYY-MM-DD'),
        targetGroupIds: v.targetGroupIds,
        tiers: v.tiers ?? [],
        liveCode: v.liveCode?.trim() ? v.liveCode.trim() : null,
        status: v.status,
        rules: v.rules,
        announce: v.announce,
        announceTemplate: v.announceTemplate ?? '',
      };
      return campaign
        ? api<Campaign>(`/communities/${communityId}/campaigns/${campaign.id}`, { method: 'PATCH', body })
        : api<Campaign>(`/communities/${communityId}/campaigns`, { body });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['community', communityId, 'campaigns'] });
      onDone(saved);
    },
  });
  const initial: Partial<Values> = campaign
    ? {
        name: campaign.name,
        description: campaign.description,
        period: [dayjs(campaign.startsOn), dayjs(campaign.endsOn)],
        targetGroupIds: campaign.targetGroupIds,
        tiers: campaign.tiers,
        liveCode: campaign.liveCode ?? '',
        status: campaign.status,
        rules: campaign.rules,
        announce: campaign.announce,
        announceTemplate: campaign.announceTemplate,
      }
    : { status: 'draft', rules: DEFAULT_RULES, tiers: [], announce: false };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => save.mutate(v)}
      data-testid="campaign-form"
    >
      <Alert type="warning" showIcon title={t('wechatNote')} style={{ marginBottom: 16 }} />
      <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input data-testid="campaign-name" />
      </Form.Item>
      <Form.Item name="description" label={t('description')} extra={t('descriptionHint')} rules={[{ max: 1000 }]}>
        <Input.TextArea rows={3} data-testid="campaign-description" />
      </Form.Item>
      <Form.Item name="period" label={t('period')} rules={[{ required: true }]}>
        <DatePicker.RangePicker data-testid="campaign-period" />
      </Form.Item>
      <Form.Item name="targetGroupIds" label={t('targetGroups')} rules={[{ required: true }]}>
        <Select
          mode="multiple"
          data-testid="campaign-groups"
          loading={groups.isPending}
          options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} · ${g.platform}` }))}
          optionFilterProp="label"
        />
      </Form.Item>
      <Typography.Text strong>{t('tiers')}</Typography.Text>
      <Form.List name="tiers">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8, marginBottom: 16 }}>
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" wrap>
                <Typography.Text type="secondary">{t('tierN', { n: i + 1 })}</Typography.Text>
                <Form.Item name={[field.name, 'invites']} rules={[{ required: true }]}>
                  <InputNumber min={1} precision={0} placeholder={t('tierInvites')} />
                </Form.Item>
                <Form.Item name={[field.name, 'rewardId']} rules={[{ required: true }]}>
                  <Select
                    style={{ minWidth: 220 }}
                    placeholder={t('tierReward')}
                    options={(rewards.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
                  />
                </Form.Item>
                <Button onClick={() => remove(field.name)}>−</Button>
              </Space>
            ))}
            <Button onClick={() => add()} data-testid="campaign-add-tier">
              {t('addTier')}
            </Button>
          </div>
        )}
      </Form.List>
      <Form.Item
        name="liveCode"
        label={t('liveCode')}
        extra={t('liveCodeHint')}
        rules={[{ pattern: /^[A-Za-z0-9_-]{0,64}$/ }]}
      >
        <Input style={{ maxWidth: 280 }} />
      </Form.Item>
      <Form.Item name="announce" valuePropName="checked" label={t('announce')}>
        <Switch />
      </Form.Item>
      <Form.Item name="announceTemplate" label={t('announceTemplate')} extra={t('announceTemplateHint')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="status" label={t('status')}>
        <Select<CampaignStatus>
          style={{ maxWidth: 200 }}
          options={(['draft', 'running', 'ended'] as const).map((s) => ({ value: s, label: t(statusLabel[s]) }))}
        />
      </Form.Item>
      <Typography.Text strong>{t('rules')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('rulesHint')}</Typography.Paragraph>
      <Space wrap align="start">
        <Form.Item name={['rules', 'burst', 'joins']} label={t('burstJoins')}>
          <InputNumber min={0} max={1000} precision={0} />
        </Form.Item>
        <Form.Item name={['rules', 'burst', 'minutes']} label={t('burstMinutes')}>
          <InputNumber min={1} max={1440} precision={0} />
        </Form.Item>
        <Form.Item name={['rules', 'quality', 'windowDays']} label={t('windowDays')}>
          <InputNumber min={0} max={90} />
        </Form.Item>
        <Form.Item name={['rules', 'quality', 'minMessages']} label={t('minMessages')}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name={['rules', 'blocklist']} valuePropName="checked" label={t('ruleBlocklist')}>
          <Switch />
        </Form.Item>
        <Form.Item name={['rules', 'lookAlike']} valuePropName="checked" label={t('ruleLookAlike')}>
          <Switch />
        </Form.Item>
      </Space>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} />}
      <div>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="campaign-save">
          {t('save')}
        </Button>
      </div>
    </Form>
  );
};
