import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table } from 'antd';
import { api } from '../../api/client.js';
import type { Group } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { NotAllowed, QueryState } from '../../components/query-state.js';
import { common, roleKey } from '../../i18n/common.js';
import { useFormat, useT } from '../../i18n/index.js';
import { moderationMessages } from './moderation.messages.js';
import { type MemberRole, moderationKey } from './types.js';

type RoleForm = { memberId: number; role: string; groupId?: number };

/** Members' roles in groups or community-wide; plays exempt owners, admins and stewards (admin). */
export const RolesTab = ({ communityId, notify }: { communityId: number; notify: (text: string) => void }) => {
  const t = useT(moderationMessages);
  const c = useT(common);
  const f = useFormat();
  const session = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RoleForm>();
  const key = moderationKey(communityId, 'roles');
  const base = `/communities/${communityId}/moderation/roles`;
  const admin = session.can('admin');
  const roles = useQuery({ queryKey: key, queryFn: () => api<{ items: MemberRole[] }>(base), enabled: admin });
  const groups = useQuery({
    queryKey: ['community', communityId, 'groups', 'options'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
    enabled: admin,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (body: RoleForm) => api(base, { body }),
    onSuccess: () => {
      refresh();
      form.resetFields();
      notify(t('done'));
    },
  });
  const remove = useMutation({
    mutationFn: (r: MemberRole) =>
      api(base, {
        method: 'DELETE',
        query: { memberId: r.memberId, role: r.role, ...(r.groupId === null ? {} : { groupId: r.groupId }) },
      }),
    onSuccess: () => {
      refresh();
      notify(t('removed'));
    },
  });
  if (!admin) return <NotAllowed role={c(roleKey.admin)} />;
  const groupName = new Map((groups.data?.items ?? []).map((g) => [g.id, g.name]));
  const error = add.error ?? remove.error;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon title={t('failed', { message: error.message })} />}
      <QueryState query={roles} empty={{ when: (roles.data?.items.length ?? 0) === 0, title: t('rolesEmpty') }}>
        {() => (
          <Table<MemberRole>
            data-testid="moderation-roles-table"
            rowKey={(r) => `${r.memberId}:${r.groupId ?? 0}:${r.role}`}
            size="middle"
            dataSource={roles.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t('role'), dataIndex: 'role' },
              { title: t('member'), render: (_, r) => `${r.displayName} (#${r.memberId})` },
              {
                title: t('group'),
                dataIndex: 'groupId',
                render: (g: number | null) => (g === null ? t('communityWide') : (groupName.get(g) ?? `#${g}`)),
              },
              { title: t('added'), dataIndex: 'createdAt', render: (v: string) => f.dateTime(v) },
              {
                title: t('actions'),
                width: 100,
                render: (_, r) => (
                  <Popconfirm title={`${r.role} · ${r.displayName}`} onConfirm={() => remove.mutateAsync(r)}>
                    <Button size="small" danger>
                      {t('remove')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Card title={t('addRole')} size="small">
        <Form
          form={form}
          layout="inline"
          style={{ rowGap: 12 }}
          onFinish={(v) => add.mutate(v)}
          data-testid="moderation-role-add"
        >
          <Form.Item name="memberId" rules={[{ required: true }]}>
            <InputNumber min={1} placeholder={t('memberId')} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="role" rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input placeholder={t('rolePlaceholder')} maxLength={40} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="groupId">
            <Select
              allowClear
              placeholder={t('groupPlaceholder')}
              style={{ width: 200 }}
              options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('add')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
};
