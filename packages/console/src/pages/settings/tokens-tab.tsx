import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { ApiToken, Role } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { NotAllowed, QueryState } from '../../components/query-state.js';
import { common, roleKey } from '../../i18n/common.js';
import { useFormat, useT } from '../../i18n/index.js';
import { messages } from './settings.messages.js';

const tokensKey = (communityId: number) => ['community', communityId, 'tokens'] as const;
const TOKEN_ROLES = ['viewer', 'steward', 'admin'] as const;

/** API tokens for scripts: create (shown once), list, revoke (admin). */
export const TokensTab = ({ communityId, notify }: { communityId: number; notify: (text: string) => void }) => {
  const t = useT(messages);
  const c = useT(common);
  const f = useFormat();
  const session = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; role: Role }>();
  const [created, setCreated] = useState<(ApiToken & { token: string }) | null>(null);
  const tokens = useQuery({
    queryKey: tokensKey(communityId),
    queryFn: () => api<{ items: ApiToken[] }>(`/communities/${communityId}/tokens`),
    enabled: session.can('admin'),
  });
  const create = useMutation({
    mutationFn: (body: { name: string; role: Role }) =>
      api<ApiToken & { token: string }>(`/communities/${communityId}/tokens`, { body }),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: tokensKey(communityId) });
      form.resetFields();
      setCreated(token);
    },
  });
  const revoke = useMutation({
    mutationFn: (tokenId: number) =>
      api<{ revoked: boolean }>(`/communities/${communityId}/tokens/${tokenId}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: tokensKey(communityId) });
      notify(t('revokedOk'));
    },
  });

  if (!session.can('admin')) return <NotAllowed role={c(roleKey.admin)} />;

  const error = create.error ?? revoke.error;
  const example = `curl -H "Authorization: Bearer ${created?.token ?? '…'}" ${window.location.origin}/api/v1/communities/${communityId}/report`;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('tokensIntro')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={t('failed', { message: error.message })} />}
      <QueryState query={tokens}>
        {() => (
          <Table<ApiToken>
            data-testid="settings-tokens-table"
            rowKey="id"
            size="middle"
            dataSource={tokens.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('tokensEmpty') }}
            columns={[
              { title: t('tokenName'), dataIndex: 'name' },
              { title: t('role'), dataIndex: 'role', render: (r: Role) => c(roleKey[r] ?? roleKey.viewer) },
              { title: t('created'), dataIndex: 'createdAt', render: (v: string) => f.dateTime(v) },
              {
                title: t('lastUsed'),
                dataIndex: 'lastUsedAt',
                render: (v: string | null) => (v ? f.dateTime(v) : t('never')),
              },
              {
                title: t('status'),
                dataIndex: 'revokedAt',
                render: (v: string | null) =>
                  v ? (
                    <Tag>
                      {t('revoked')} · {f.dateTime(v)}
                    </Tag>
                  ) : (
                    <Tag color="success">{t('active')}</Tag>
                  ),
              },
              {
                title: t('actions'),
                width: 110,
                render: (_, token) =>
                  token.revokedAt ? null : (
                    <Popconfirm
                      title={t('revokeConfirm', { name: token.name })}
                      onConfirm={() => revoke.mutateAsync(token.id)}
                    >
                      <Button danger size="small" data-testid={`settings-token-revoke-${token.id}`}>
                        {t('revoke')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
      <Card title={t('createToken')} size="small">
        <Form
          form={form}
          layout="inline"
          initialValues={{ role: 'viewer' }}
          onFinish={(v) => create.mutate({ name: v.name.trim(), role: v.role })}
          data-testid="settings-token-create"
          style={{ rowGap: 12 }}
        >
          <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input
              placeholder={t('tokenNamePlaceholder')}
              maxLength={100}
              style={{ width: 260 }}
              data-testid="settings-token-name"
            />
          </Form.Item>
          <Form.Item name="role">
            <Select<Role>
              style={{ width: 140 }}
              options={TOKEN_ROLES.map((r) => ({ value: r, label: c(roleKey[r]) }))}
              data-testid="settings-token-role"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="settings-token-submit">
            {t('createToken')}
          </Button>
        </Form>
      </Card>
      <Modal
        open={created !== null}
        title={t('tokenTitle')}
        closable={false}
        mask={{ closable: false }}
        width={640}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('ok')}
          </Button>
        }
      >
        <Typography.Paragraph>{t('tokenBody')}</Typography.Paragraph>
        <Typography.Paragraph>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="settings-token-secret">
            {created?.token}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('tokenUsage')}</Typography.Text>
        <Typography.Paragraph>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {example}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
};
