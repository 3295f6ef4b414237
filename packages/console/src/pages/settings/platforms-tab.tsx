import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, QRCode, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import type { Connection, ConnectionState } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { NotAllowed, QueryState } from '../../components/query-state.js';
import { common, roleKey } from '../../i18n/common.js';
import { useFormat, useT } from '../../i18n/index.js';
import { platformMessages } from './platforms.messages.js';

type Platform = 'telegram' | 'wechat';
const PLATFORMS: Platform[] = ['telegram', 'wechat'];
type Listing = { items: Connection[]; platforms: string[] };
type Row = { platform: 'sandbox' | Platform; connection: Connection | null; available: boolean };

const connectionsKey = (communityId: number) => ['community', communityId, 'connections'] as const;

const STATE_COLOR: Record<ConnectionState['status'], string> = {
  connecting: 'processing',
  connected: 'success',
  disconnected: 'default',
  failed: 'error',
};

/** Each platform connection of the community with its state; an admin connects, changes or removes one. */
export const PlatformsTab = ({ communityId, notify }: { communityId: number; notify: (text: string) => void }) => {
  const t = useT(platformMessages);
  const c = useT(common);
  const f = useFormat();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Platform | null>(null);
  const listing = useQuery({
    queryKey: connectionsKey(communityId),
    queryFn: () => api<Listing>(`/communities/${communityId}/connections`),
    enabled: session.can('admin'),
    // While a connection is on its way (a QR code to scan), look again every few seconds.
    refetchInterval: (q) =>
      q.state.data?.items.some((i) => i.state?.status === 'connecting' || i.state === null) ? 3000 : false,
  });
  const remove = useMutation({
    mutationFn: (platform: Platform) =>
      api(`/communities/${communityId}/connections/${platform}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: connectionsKey(communityId) });
      notify(t('removed'));
    },
  });

  if (!session.can('admin')) return <NotAllowed role={c(roleKey.admin)} />;

  const rows = (data: Listing): Row[] => [
    { platform: 'sandbox', connection: null, available: true },
    ...PLATFORMS.map((platform) => ({
      platform,
      connection: data.items.find((i) => i.platform === platform) ?? null,
      available: data.platforms.includes(platform),
    })),
  ];

  const stateCell = (r: Row) => {
    if (r.platform === 'sandbox') return <Tag color="success">{t('inProcess')}</Tag>;
    const state = r.connection?.state;
    if (!r.connection) return <Tag>{t('notConfigured')}</Tag>;
    const status = state?.status ?? 'connecting';
    return (
      <Tag color={STATE_COLOR[status]} data-testid={`platform-status-${r.platform}`}>
        {t(status)}
      </Tag>
    );
  };

  const detailCell = (r: Row) => {
    if (r.platform === 'sandbox') return t('sandboxNote');
    if (!r.available) return <Typography.Text type="secondary">{t('notInBuild')}</Typography.Text>;
    const conn = r.connection;
    if (!conn) return null;
    const state = conn.state;
    const qr = state?.status === 'connecting' && state.detail && /^https?:\/\/\S+$/.test(state.detail);
    return (
      <Space orientation="vertical" size={4}>
        {state?.account && <span>{t('as', { name: state.account.displayName })}</span>}
        {qr && state?.detail ? (
          <>
            <span>{t('scanQr')}</span>
            <QRCode value={state.detail} size={160} data-testid="wechat-qr" />
          </>
        ) : (
          state?.detail && (
            <Typography.Text type={state.status === 'failed' ? 'danger' : 'secondary'}>{state.detail}</Typography.Text>
          )
        )}
        {Object.keys(conn.secrets).length > 0 && (
          <Typography.Text type="secondary">
            {t('storedSecret')}:{' '}
            {Object.entries(conn.secrets)
              .map(([k, v]) => `${k} ${v}`)
              .join(' · ')}
          </Typography.Text>
        )}
        {state?.at && <Typography.Text type="secondary">{f.dateTime(state.at)}</Typography.Text>}
      </Space>
    );
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('intro')} />
      {remove.error && <Alert type="error" showIcon title={t('saveFailed', { message: remove.error.message })} />}
      <QueryState query={listing}>
        {() => (
          <Table<Row>
            data-testid="settings-platforms-table"
            rowKey="platform"
            pagination={false}
            scroll={{ x: true }}
            dataSource={rows(listing.data as Listing)}
            columns={[
              { title: t('platform'), dataIndex: 'platform', render: (p: Row['platform']) => t(p) },
              { title: t('state'), render: (_, r) => stateCell(r) },
              { title: t('details'), render: (_, r) => detailCell(r) },
              {
                title: '',
                render: (_, r) => {
                  if (r.platform === 'sandbox') {
                    return (
                      <Button size="small" onClick={() => navigate('/sandbox')}>
                        {t('openSandbox')}
                      </Button>
                    );
                  }
                  const platform = r.platform;
                  return (
                    <Space>
                      <Button
                        size="small"
                        disabled={!r.available}
                        data-testid={`platform-edit-${platform}`}
                        onClick={() => setEditing(platform)}
                      >
                        {r.connection ? t('change') : t('connect')}
                      </Button>
                      {r.connection && (
                        <Popconfirm title={t('removeConfirm')} onConfirm={() => remove.mutate(platform)}>
                          <Button size="small" danger data-testid={`platform-remove-${platform}`}>
                            {t('remove')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
      {editing && (
        <ConnectionForm
          communityId={communityId}
          platform={editing}
          current={listing.data?.items.find((i) => i.platform === editing) ?? null}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              void queryClient.invalidateQueries({ queryKey: connectionsKey(communityId) });
              notify(t('saved'));
            }
          }}
        />
      )}
    </Space>
  );
};

type FormValues = Record<string, string | undefined>;

/** The settings of one platform; secret fields left empty keep the stored value. */
const ConnectionForm = ({
  communityId,
  platform,
  current,
  onClose,
}: {
  communityId: number;
  platform: Platform;
  current: Connection | null;
  onClose: (saved: boolean) => void;
}) => {
  const t = useT(platformMessages);
  const [form] = Form.useForm<FormValues>();
  const save = useMutation({
    mutationFn: (values: FormValues) => {
      // Empty fields are left out: a secret keeps its stored value, an option its default.
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v.trim() !== ''));
      return api<Connection>(`/communities/${communityId}/connections/${platform}`, { method: 'PUT', body });
    },
    onSuccess: () => onClose(true),
  });
  const secret = (field: string) => current?.secrets[field];
  const initial = Object.fromEntries(
    Object.entries(current?.settings ?? {}).filter(([, v]) => typeof v === 'string'),
  ) as FormValues;
  const webhook = `${window.location.origin}/api/v1/telegram/${communityId}/webhook`;
  return (
    <Modal
      open
      title={platform === 'telegram' ? t('titleTelegram') : t('titleWechat')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {save.error && <Alert type="error" showIcon title={t('saveFailed', { message: save.error.message })} />}
        {platform === 'telegram' ? (
          <>
            <Form.Item
              name="token"
              label={t('token')}
              extra={secret('token') ? t('keepSecret', { hint: secret('token') ?? '' }) : t('tokenHelp')}
              rules={secret('token') ? [] : [{ required: true, message: t('required') }]}
            >
              <Input.Password autoComplete="off" data-testid="telegram-token" />
            </Form.Item>
            <Form.Item name="apiRoot" label={t('apiRoot')} extra={t('apiRootHelp')}>
              <Input placeholder="https://api.telegram.org" />
            </Form.Item>
            <Form.Item name="webhookUrl" label={t('webhookUrl')} extra={t('webhookUrlHelp', { url: webhook })}>
              <Input placeholder={webhook} />
            </Form.Item>
          </>
        ) : (
          <>
            <Alert type="warning" showIcon title={t('wechatRisk')} style={{ marginBottom: 16 }} />
            <Form.Item
              name="puppet"
              label={t('puppet')}
              extra={t('puppetHelp')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input placeholder="wechaty-puppet-service" data-testid="wechat-puppet" />
            </Form.Item>
            <Form.Item
              name="puppetToken"
              label={t('puppetToken')}
              extra={secret('puppetToken') ? t('keepSecret', { hint: secret('puppetToken') ?? '' }) : undefined}
            >
              <Input.Password autoComplete="off" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
};
