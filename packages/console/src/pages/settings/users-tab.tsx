import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { CommunityUser, Role } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { NotAllowed, QueryState } from '../../components/query-state.js';
import { common, roleKey } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';
import { messages } from './settings.messages.js';

const ROLES: Role[] = ['owner', 'admin', 'steward', 'viewer'];
const usersKey = (communityId: number) => ['community', communityId, 'users'] as const;

type Granted = { id: number; email: string; role: Role; temporaryPassword?: string };

/** Console users of the community: invite, change role, remove. Owners grant any role, admins steward and viewer. */
export const UsersTab = ({ communityId, notify }: { communityId: number; notify: (text: string) => void }) => {
  const t = useT(messages);
  const c = useT(common);
  const session = useSession();
  const owner = session.can('owner');
  const queryClient = useQueryClient();
  const [invite] = Form.useForm<{ email: string; name?: string; role: Role }>();
  const [temporary, setTemporary] = useState<Granted | null>(null);
  const users = useQuery({
    queryKey: usersKey(communityId),
    queryFn: () => api<{ items: CommunityUser[] }>(`/communities/${communityId}/users`),
    enabled: session.can('admin'),
  });
  // What this user may grant: owners anything, admins only below themselves.
  const grantable = owner ? ROLES : ROLES.filter((r) => r === 'steward' || r === 'viewer');
  const roleOptions = grantable.map((r) => ({ value: r, label: c(roleKey[r]) }));

  const grant = useMutation({
    mutationFn: ({ body }: { body: { email: string; role: Role; name?: string }; from: 'invite' | 'table' }) =>
      api<Granted>(`/communities/${communityId}/users`, { method: 'PUT', body }),
    onSuccess: (granted, { from }) => {
      void queryClient.invalidateQueries({ queryKey: usersKey(communityId) });
      if (from === 'invite') invite.resetFields();
      if (granted.temporaryPassword) setTemporary(granted);
      else if (from === 'table') notify(t('roleChanged'));
      else notify(t('invited', { email: granted.email, role: c(roleKey[granted.role]) }));
    },
  });
  const remove = useMutation({
    mutationFn: (userId: number) =>
      api<{ removed: boolean }>(`/communities/${communityId}/users/${userId}`, { method: 'DELETE' }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersKey(communityId) });
      notify(t('removed'));
    },
  });

  if (!session.can('admin')) return <NotAllowed role={c(roleKey.admin)} />;

  const error = grant.error ?? remove.error;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('usersIntro')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={t('failed', { message: error.message })} />}
      <QueryState query={users}>
        {() => (
          <Table<CommunityUser>
            data-testid="settings-users-table"
            rowKey="id"
            size="middle"
            dataSource={users.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: true }}
            locale={{ emptyText: t('usersEmpty') }}
            columns={[
              {
                title: t('email'),
                dataIndex: 'email',
                render: (email: string, u) => (
                  <Space>
                    <span>{email}</span>
                    {u.id === session.me?.user.id && <Tag>{t('you')}</Tag>}
                  </Space>
                ),
              },
              { title: t('userName'), dataIndex: 'name', render: (n: string) => n || '—' },
              {
                title: t('role'),
                dataIndex: 'role',
                width: 180,
                render: (role: Role, u) => {
                  const locked = !owner && (role === 'owner' || role === 'admin');
                  const select = (
                    <Select<Role>
                      value={role}
                      disabled={locked || grant.isPending}
                      style={{ width: 140 }}
                      aria-label={t('role')}
                      data-testid={`settings-user-role-${u.id}`}
                      options={locked ? [{ value: role, label: c(roleKey[role]) }] : roleOptions}
                      onChange={(next) => grant.mutate({ body: { email: u.email, role: next }, from: 'table' })}
                    />
                  );
                  return locked ? <Tooltip title={t('roleLocked')}>{select}</Tooltip> : select;
                },
              },
              {
                title: t('actions'),
                width: 120,
                render: (_, u) =>
                  owner ? (
                    <Popconfirm
                      title={t('removeConfirm', { email: u.email })}
                      onConfirm={() => remove.mutateAsync(u.id)}
                    >
                      <Button danger size="small" data-testid={`settings-user-remove-${u.id}`}>
                        {t('remove')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Tooltip title={t('removeNeedsOwner')}>
                      <Button danger size="small" disabled>
                        {t('remove')}
                      </Button>
                    </Tooltip>
                  ),
              },
            ]}
          />
        )}
      </QueryState>
      <Card title={t('invite')} size="small">
        <Typography.Paragraph type="secondary">{t('inviteIntro')}</Typography.Paragraph>
        <Form
          form={invite}
          layout="inline"
          initialValues={{ role: 'viewer' }}
          onFinish={(v) =>
            grant.mutate({
              body: { email: v.email.trim(), role: v.role, ...(v.name?.trim() ? { name: v.name.trim() } : {}) },
              from: 'invite',
            })
          }
          data-testid="settings-invite"
          style={{ rowGap: 12 }}
        >
          <Form.Item name="email" rules={[{ required: true, type: 'email' }]}>
            <Input placeholder={t('email')} style={{ width: 240 }} data-testid="settings-invite-email" />
          </Form.Item>
          <Form.Item name="name">
            <Input placeholder={t('namePlaceholder')} maxLength={200} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="role" rules={[{ required: true }]}>
            <Select<Role> options={roleOptions} style={{ width: 140 }} data-testid="settings-invite-role" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="settings-invite-submit">
            {t('inviteButton')}
          </Button>
        </Form>
      </Card>
      <Modal
        open={temporary !== null}
        title={t('tempTitle')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setTemporary(null)}>
            {t('ok')}
          </Button>
        }
      >
        <Typography.Paragraph>{t('tempBody')}</Typography.Paragraph>
        <Typography.Paragraph>
          {t('email')}: <Typography.Text strong>{temporary?.email}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('tempPassword')}:{' '}
          <Typography.Text code copyable data-testid="settings-temp-password">
            {temporary?.temporaryPassword}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
};
