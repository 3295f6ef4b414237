// Switching a group's play on or off, or changing its configuration (admins).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { GroupPlay } from '../../api/types.js';
import { keys } from './queries.js';

export type PlayChange = { play: string; enabled: boolean; config: Record<string, unknown> };

export const usePutPlay = (communityId: number, groupId: number) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ play, enabled, config }: PlayChange) =>
      api<GroupPlay>(`/communities/${communityId}/groups/${groupId}/plays/${encodeURIComponent(play)}`, {
        method: 'PUT',
        body: { enabled, config },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.groupPlays(communityId, groupId) }),
  });
};
