import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select, Tooltip } from 'antd';
import { api } from '../../api/client.js';
import type { Community } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { common, roleKey } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';
import { messages } from './settings.messages.js';
import { isTimeZone, TimezoneInput } from './timezone-input.js';

type Values = Pick<Community, 'name' | 'timezone' | 'language'>;

export const communityKey = (communityId: number) => ['community', communityId, 'info'] as const;

/** Name, time zone and language of the community (admin). */
export const CommunityTab = ({ communityId, notify }: { communityId: number; notify: (text: string) => void }) => {
  const t = useT(messages);
  const c = useT(common);
  const session = useSession();
  const admin = session.can('admin');
  const queryClient = useQueryClient();
  const community = useQuery({
    queryKey: communityKey(communityId),
    queryFn: () => api<Community>(`/communities/${communityId}`),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      api<Omit<Community, 'role' | 'groups' | 'members' | 'events'>>(`/communities/${communityId}`, {
        method: 'PATCH',
        body: { name: values.name.trim(), timezone: values.timezone.trim(), language: values.language },
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData<Community>(communityKey(communityId), (old) => (old ? { ...old, ...updated } : old));
      // A new zone recuts every daily and weekly figure; a new name shows in the header.
      await queryClient.invalidateQueries({ queryKey: ['community', communityId] });
      await session.refresh();
      notify(t('saved'));
    },
  });
  const needsAdmin = admin ? null : c('needsRole', { role: c(roleKey.admin) });
  const button = (
    <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!admin} data-testid="settings-save">
      {t('save')}
    </Button>
  );

  return (
    <QueryState query={community}>
      {() => (
        <Form<Values>
          key={community.dataUpdatedAt}
          layout="vertical"
          style={{ maxWidth: 560 }}
          disabled={!admin}
          initialValues={{
            name: community.data?.name,
            timezone: community.data?.timezone,
            language: community.data?.language,
          }}
          onFinish={(v) => save.mutate(v)}
          data-testid="settings-community-form"
        >
          {needsAdmin && <Alert type="info" showIcon title={needsAdmin} style={{ marginBottom: 16 }} />}
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input maxLength={200} data-testid="settings-name" />
          </Form.Item>
          <Form.Item
            name="timezone"
            label={t('timezone')}
            extra={t('timezoneHint')}
            rules={[
              {
                validator: async (_, v: string | undefined) =>
                  isTimeZone(v?.trim() ?? '') ? undefined : Promise.reject(new Error(t('timezoneInvalid'))),
              },
            ]}
          >
            <TimezoneInput testId="settings-timezone" />
          </Form.Item>
          <Form.Item name="language" label={t('language')} extra={t('languageHint')}>
            <Select
              data-testid="settings-language"
              options={[
                { value: 'zh-CN', label: '简体中文 (zh-CN)' },
                { value: 'en', label: 'English (en)' },
              ]}
            />
          </Form.Item>
          {save.isError && (
            <Alert
              type="error"
              showIcon
              title={t('failed', { message: save.error.message })}
              style={{ marginBottom: 16 }}
            />
          )}
          {needsAdmin ? <Tooltip title={needsAdmin}>{button}</Tooltip> : button}
        </Form>
      )}
    </QueryState>
  );
};
