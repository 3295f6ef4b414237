import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import type { Group } from '../../api/types.js';
import { useCommunityId, useSession } from '../../auth/session.js';
import { useFormat, useT } from '../../i18n/index.js';
import { liveCodesMessages } from './live-codes.messages.js';
import type { ChannelStats, LiveCode, LiveCodeTarget, TargetStatus } from './types.js';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

type LiveCodeKey = keyof (typeof liveCodesMessages)['en'];
const STATUS: Record<TargetStatus, { color: string; key: LiveCodeKey }> = {
  ok: { color: 'success', key: 'statusOk' },
  full: { color: 'error', key: 'statusFull' },
  expired: { color: 'error', key: 'statusExpired' },
  no_qr: { color: 'warning', key: 'statusNoQr' },
  no_link: { color: 'warning', key: 'statusNoLink' },
  off: { color: 'default', key: 'statusOff' },
};

type NewTarget = { groupId: number; capacity?: number; joinUrl?: string };

/** One live code: its link and QR downloads, the pool with fill levels and QR uploads, and channel counts. */
export const LiveCodeCard = ({ code }: { code: LiveCode }) => {
  const t = useT(liveCodesMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState('');
  const [form] = Form.useForm<NewTarget>();
  const admin = session.can('admin');
  const steward = session.can('steward');
  const base = `/communities/${communityId}/live-codes/${code.id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['community', communityId, 'live-codes'] });
  const groups = useQuery({
    queryKey: ['community', communityId, 'groups'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
    enabled: admin,
  });
  const stats = useQuery({
    queryKey: ['community', communityId, 'live-codes', code.id, 'stats'],
    queryFn: () => api<{ channels: ChannelStats[] }>(`${base}/stats`),
  });
  const change = useMutation({
    mutationFn: (v: { path: string; method: string; body?: unknown; raw?: File }) =>
      api(`${base}${v.path}`, {
        method: v.method,
        ...(v.body === undefined ? {} : { body: v.body }),
        ...(v.raw ? { raw: v.raw } : {}),
      }),
    onSuccess: refresh,
  });
  const patchTarget = (target: LiveCodeTarget, body: Record<string, unknown>) =>
    change.mutate({ path: `/targets/${target.id}`, method: 'PATCH', body });
  const move = (index: number, by: -1 | 1) => {
    const ids = code.targets.map((x) => x.id);
    const [moved] = ids.splice(index, 1);
    if (moved === undefined) return;
    ids.splice(index + by, 0, moved);
    change.mutate({ path: '/order', method: 'PUT', body: { targetIds: ids } });
  };
  const add = useMutation({
    mutationFn: (v: NewTarget) =>
      api(`${base}/targets`, {
        body: {
          groupId: v.groupId,
          ...(v.capacity ? { capacity: v.capacity } : {}),
          ...(v.joinUrl?.trim() ? { joinUrl: v.joinUrl.trim() } : {}),
        },
      }),
    onSuccess: async () => {
      form.resetFields();
      await refresh();
    },
  });
  const inPool = new Set(code.targets.map((x) => x.groupId));
  const download = (fmt: 'png' | 'svg') =>
    `/api/v1${base}/qr.${fmt}${channel ? `?ch=${encodeURIComponent(channel)}` : ''}`;
  const shownUrl = channel ? `${code.url}?ch=${encodeURIComponent(channel)}` : code.url;

  return (
    <Card
      size="small"
      data-testid="live-code"
      data-code={code.code}
      title={
        <Space>
          <span>{code.name}</span>
          <Tag color={code.active ? 'success' : 'default'}>{code.active ? t('active') : t('paused')}</Tag>
        </Space>
      }
      extra={
        admin && (
          <Space>
            <Switch
              checked={code.active}
              onChange={(active) => change.mutate({ path: '', method: 'PATCH', body: { active } })}
            />
            <Popconfirm title={t('deleteConfirm')} onConfirm={() => change.mutate({ path: '', method: 'DELETE' })}>
              <Button size="small" danger>
                {t('delete')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {code.exhaustedAt && (
          <Alert type="warning" showIcon title={t('exhausted', { time: format.dateTime(code.exhaustedAt) })} />
        )}
        <Space wrap>
          <Typography.Text type="secondary">{t('link')}</Typography.Text>
          <Typography.Text copyable={{ text: shownUrl }} code data-testid="live-code-url">
            {shownUrl}
          </Typography.Text>
          <Typography.Text type="secondary">{t('downloadFor')}</Typography.Text>
          <Select
            value={channel}
            onChange={setChannel}
            style={{ minWidth: 140 }}
            options={[{ value: '', label: t('noChannel') }, ...code.channels.map((c) => ({ value: c, label: c }))]}
          />
          <a href={download('png')} download data-testid="live-code-png">
            <Button size="small">{t('download')} PNG</Button>
          </a>
          <a href={download('svg')} download>
            <Button size="small">{t('download')} SVG</Button>
          </a>
        </Space>
        {admin && (
          <Space wrap>
            <Typography.Text type="secondary">{t('channels')}</Typography.Text>
            <Select
              mode="tags"
              value={code.channels}
              placeholder={t('channelsHint')}
              style={{ minWidth: 320 }}
              tokenSeparators={[',', ' ']}
              onChange={(channels: string[]) => change.mutate({ path: '', method: 'PATCH', body: { channels } })}
            />
          </Space>
        )}
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          title={() => t('pool')}
          dataSource={code.targets}
          data-testid="live-code-pool"
          columns={[
            { title: '#', key: 'n', width: 40, render: (_: unknown, __: LiveCodeTarget, i: number) => i + 1 },
            {
              title: t('group'),
              dataIndex: 'groupName',
              render: (name: string, r: LiveCodeTarget) => <Link to={`/groups/${r.groupId}`}>{name}</Link>,
            },
            { title: t('platform'), dataIndex: 'platform', width: 90 },
            {
              title: t('capacity'),
              dataIndex: 'capacity',
              width: 120,
              render: (cap: number | null, r: LiveCodeTarget) =>
                admin ? (
                  <InputNumber
                    size="small"
                    min={1}
                    precision={0}
                    defaultValue={cap ?? undefined}
                    placeholder={t('unlimited')}
                    onBlur={(e) => {
                      const raw = e.target.value.trim();
                      const next = raw === '' ? null : Number(raw);
                      if (next !== cap && (next === null || next >= 1)) patchTarget(r, { capacity: next });
                    }}
                  />
                ) : cap === null ? (
                  t('unlimited')
                ) : (
                  format.number(cap)
                ),
            },
            {
              title: <Tooltip title={t('fillHint')}>{t('fill')}</Tooltip>,
              key: 'fill',
              width: 170,
              render: (_: unknown, r: LiveCodeTarget) => (
                <div data-testid="live-code-fill">
                  <Progress
                    size="small"
                    percent={r.capacity ? Math.min(100, Math.round((r.fill / r.capacity) * 100)) : 0}
                    status={r.capacity !== null && r.fill >= r.capacity ? 'exception' : 'normal'}
                    format={() => (r.capacity ? `${r.fill}/${r.capacity}` : String(r.fill))}
                  />
                </div>
              ),
            },
            {
              title: t('status'),
              dataIndex: 'status',
              width: 120,
              render: (s: TargetStatus) => (
                <Tag color={STATUS[s].color} data-testid="live-code-status">
                  {t(STATUS[s].key)}
                </Tag>
              ),
            },
            {
              title: t('qrOrLink'),
              key: 'qr',
              render: (_: unknown, r: LiveCodeTarget) =>
                r.kind === 'qr' ? (
                  <Space wrap>
                    {r.qr && (
                      <Typography.Text type={r.status === 'expired' ? 'danger' : 'secondary'}>
                        {t('qrExpires', { time: format.dateTime(r.qr.expiresAt) })}
                      </Typography.Text>
                    )}
                    {steward && (
                      <Upload
                        accept="image/png,image/jpeg"
                        showUploadList={false}
                        beforeUpload={(file) => {
                          change.mutate({ path: `/targets/${r.id}/qr`, method: 'PUT', raw: file });
                          return false;
                        }}
                      >
                        <Button size="small" data-testid="live-code-upload">
                          {r.qr ? t('replaceQr') : t('uploadQr')}
                        </Button>
                      </Upload>
                    )}
                  </Space>
                ) : r.linkSource === 'auto' ? (
                  <Space>
                    <Tag>{t('autoLink')}</Tag>
                    {r.joinUrl && <Typography.Text type="secondary">{r.joinUrl}</Typography.Text>}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{r.joinUrl}</Typography.Text>
                ),
            },
            ...(admin
              ? [
                  {
                    key: 'edit',
                    width: 260,
                    render: (_: unknown, r: LiveCodeTarget, i: number) => (
                      <Space size={4} wrap>
                        <Switch size="small" checked={r.active} onChange={(active) => patchTarget(r, { active })} />
                        <Button size="small" disabled={i === 0} onClick={() => move(i, -1)}>
                          {t('up')}
                        </Button>
                        <Button size="small" disabled={i === code.targets.length - 1} onClick={() => move(i, 1)}>
                          {t('down')}
                        </Button>
                        <Tooltip title={t('fillHint')}>
                          <Button size="small" onClick={() => patchTarget(r, { baseMembers: r.members })}>
                            {t('recount')}
                          </Button>
                        </Tooltip>
                        <Button
                          size="small"
                          danger
                          onClick={() => change.mutate({ path: `/targets/${r.id}`, method: 'DELETE' })}
                        >
                          {t('remove')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {change.isError && <Alert type="error" showIcon title={errorText(change.error)} />}
        {admin && (
          <Form
            form={form}
            layout="inline"
            onFinish={(v) => add.mutate(v)}
            style={{ rowGap: 8 }}
            data-testid="live-code-add"
          >
            <Form.Item name="groupId" rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder={t('chooseGroup')}
                style={{ minWidth: 220 }}
                data-testid="live-code-group"
                options={(groups.data?.items ?? [])
                  .filter((g) => !inPool.has(g.id))
                  .map((g) => ({ value: g.id, label: `${g.name} (${g.platform})` }))}
              />
            </Form.Item>
            <Form.Item name="capacity">
              <InputNumber min={1} precision={0} placeholder={t('capacity')} />
            </Form.Item>
            <Form.Item name="joinUrl" rules={[{ type: 'url' }]}>
              <Input placeholder={t('joinUrlOptional')} style={{ width: 320 }} />
            </Form.Item>
            <Button htmlType="submit" loading={add.isPending} data-testid="live-code-add-submit">
              {t('addGroup')}
            </Button>
          </Form>
        )}
        {add.isError && <Alert type="error" showIcon title={errorText(add.error)} />}
        <Table
          rowKey="channel"
          size="small"
          pagination={false}
          title={() => (
            <Space direction="vertical" size={0}>
              <span>{t('stats')}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('statsHint')}
              </Typography.Text>
            </Space>
          )}
          loading={stats.isPending}
          dataSource={stats.data?.channels ?? []}
          locale={{ emptyText: t('noStats') }}
          data-testid="live-code-stats"
          columns={[
            {
              title: t('channels'),
              dataIndex: 'channel',
              render: (c: string) => (c ? <Tag>{c}</Tag> : t('noChannel')),
            },
            { title: t('visits'), dataIndex: 'visits', align: 'right' as const },
            { title: t('routed'), dataIndex: 'routed', align: 'right' as const },
            { title: t('turnedAway'), dataIndex: 'turnedAway', align: 'right' as const },
            { title: t('joins'), dataIndex: 'joins', align: 'right' as const },
          ]}
        />
      </Space>
    </Card>
  );
};
