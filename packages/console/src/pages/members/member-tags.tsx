import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Select, Space, Typography } from 'antd';
import { ApiError, api } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { useT } from '../../i18n/index.js';
import { memberMessages } from './member.messages.js';

type Tags = { items: { tag: string; source: string }[] };

/** A member's tags (标签): stewards add and remove them; everyone else reads them. */
export const MemberTags = ({ communityId, memberId }: { communityId: number; memberId: number }) => {
  const t = useT(memberMessages);
  const session = useSession();
  const queryClient = useQueryClient();
  const key = ['community', communityId, 'member', memberId, 'tags'];
  const tags = useQuery({
    queryKey: key,
    queryFn: () => api<Tags>(`/communities/${communityId}/members/${memberId}/tags`),
  });
  const known = useQuery({
    queryKey: ['community', communityId, 'tags'],
    queryFn: () => api<{ items: { tag: string }[] }>(`/communities/${communityId}/tags`),
  });
  const save = useMutation({
    mutationFn: (next: string[]) =>
      api<Tags>(`/communities/${communityId}/members/${memberId}/tags`, { method: 'PUT', body: { tags: next } }),
    onSuccess: async (answer) => {
      queryClient.setQueryData(key, answer);
      await queryClient.invalidateQueries({ queryKey: ['community', communityId, 'tags'] });
    },
  });
  const value = (tags.data?.items ?? []).map((x) => x.tag);
  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
      <Space wrap>
        <Typography.Text type="secondary">{t('tags')}</Typography.Text>
        <Select
          mode="tags"
          data-testid="member-tags"
          aria-label={t('tags')}
          style={{ minWidth: 280 }}
          placeholder={t('addTags')}
          value={value}
          disabled={!session.can('steward') || tags.isPending}
          loading={save.isPending}
          onChange={(next: string[]) => save.mutate(next.map((x) => x.trim()).filter((x) => x.length > 0))}
          options={(known.data?.items ?? []).map((x) => ({ value: x.tag, label: x.tag }))}
        />
      </Space>
      {save.isError && (
        <Alert type="error" showIcon title={save.error instanceof ApiError ? save.error.message : String(save.error)} />
      )}
    </Space>
  );
};
