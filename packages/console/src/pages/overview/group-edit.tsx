// Admins change a group's type (its place in the funnel) and capacity.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import type { Group, GroupType } from '../../api/types.js';
import { common, groupTypeKey } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';
import { AdminOnly } from './admin-only.js';
import { groupMessages } from './group.messages.js';
import { keys } from './queries.js';

type Values = { type: GroupType; capacity: number | null };

export const GroupEdit = ({ group }: { group: Group }) => {
  const t = useT(groupMessages);
  const c = useT(common);
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (values: Values) =>
      api<Group>(`/communities/${group.communityId}/groups/${group.id}`, {
        method: 'PATCH',
        body: { type: values.type, capacity: values.capacity ?? null },
      }),
    onSuccess: async () => {
      setOpen(false);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.groups(group.communityId) }),
        queryClient.invalidateQueries({ queryKey: keys.report(group.communityId) }),
      ]);
    },
  });
  return (
    <>
      <AdminOnly>
        {(allowed) => (
          <Button
            disabled={!allowed}
            onClick={() => {
              save.reset();
              form.setFieldsValue({ type: group.type, capacity: group.capacity });
              setOpen(true);
            }}
            data-testid="group-edit"
          >
            {t('edit')}
          </Button>
        )}
      </AdminOnly>
      <Modal
        open={open}
        title={t('editTitle')}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="group-edit-form">
          <Form.Item name="type" label={t('type')} rules={[{ required: true }]}>
            <Select
              data-testid="group-edit-type"
              options={Object.entries(groupTypeKey).map(([value, key]) => ({ value, label: c(key) }))}
            />
          </Form.Item>
          <Form.Item name="capacity" label={t('capacity')} extra={t('capacityHint')}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder={t('noCapacity')} />
          </Form.Item>
        </Form>
        {save.isError && (
          <Alert
            type="error"
            showIcon
            title={t('saveFailed', {
              message: save.error instanceof ApiError ? save.error.message : String(save.error),
            })}
          />
        )}
      </Modal>
    </>
  );
};
