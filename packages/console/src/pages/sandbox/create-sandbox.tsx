import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import type { Group } from '../../api/types.js';
import { useT } from '../../i18n/index.js';
import { messages } from './sandbox.messages.js';

export const sandboxGroupsKey = (communityId: number) => ['community', communityId, 'groups', { platform: 'sandbox' }];

/** Name a new sandbox group and open it (steward). */
export const CreateSandbox = ({
  communityId,
  disabled,
  onDone,
}: {
  communityId: number;
  disabled: boolean;
  onDone?: () => void;
}) => {
  const t = useT(messages);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (name: string) =>
      api<Pick<Group, 'id' | 'name' | 'platform'>>(`/communities/${communityId}/sandbox/groups`, { body: { name } }),
    onSuccess: async (group) => {
      // Every list of groups (this page's, the groups page's) now has one more.
      await queryClient.invalidateQueries({ queryKey: ['community', communityId, 'groups'] });
      onDone?.();
      navigate(`/sandbox/${group.id}`);
    },
  });
  return (
    <Form<{ name: string }>
      layout="inline"
      disabled={disabled}
      initialValues={{ name: t('defaultName') }}
      onFinish={(v) => create.mutate(v.name.trim())}
      data-testid="sandbox-create-form"
    >
      <Space wrap>
        <Form.Item name="name" label={t('groupName')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} data-testid="sandbox-create-name" style={{ width: 220 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="sandbox-create">
          {t('create')}
        </Button>
      </Space>
      {create.isError && (
        <Alert
          type="error"
          showIcon
          title={t('failed', { message: create.error.message })}
          style={{ marginTop: 12, width: '100%' }}
        />
      )}
    </Form>
  );
};
