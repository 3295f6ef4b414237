// The reads behind the overview, groups and group pages. Each query caches the API's answer as it
// comes (so another page asking the same key gets the same shape) and selects from it.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Community, Group, GroupPlay, PlayInfo, Report } from '../../api/types.js';

export const keys = {
  community: (communityId: number) => ['community', communityId, 'info'] as const,
  report: (communityId: number, groupId?: number) =>
    groupId === undefined
      ? (['community', communityId, 'report'] as const)
      : (['community', communityId, 'report', { groupId }] as const),
  groups: (communityId: number) => ['community', communityId, 'groups'] as const,
  group: (communityId: number, groupId: number) => ['community', communityId, 'groups', groupId] as const,
  groupPlays: (communityId: number, groupId: number) => ['community', communityId, 'groups', groupId, 'plays'] as const,
  playCatalog: (communityId: number) => ['community', communityId, 'play-catalog'] as const,
};

export const useCommunity = (communityId: number) =>
  useQuery({ queryKey: keys.community(communityId), queryFn: () => api<Community>(`/communities/${communityId}`) });

export const useReport = (communityId: number, groupId?: number) =>
  useQuery({
    queryKey: keys.report(communityId, groupId),
    queryFn: () =>
      api<Report>(`/communities/${communityId}/report`, groupId === undefined ? {} : { query: { groupId } }),
  });

export const useGroups = (communityId: number) =>
  useQuery({
    queryKey: keys.groups(communityId),
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
    select: (data) => data.items,
  });

export const useGroup = (communityId: number, groupId: number) =>
  useQuery({
    queryKey: keys.group(communityId, groupId),
    queryFn: () => api<Group>(`/communities/${communityId}/groups/${groupId}`),
  });

export const useGroupPlays = (communityId: number, groupId: number) =>
  useQuery({
    queryKey: keys.groupPlays(communityId, groupId),
    queryFn: () => api<{ items: GroupPlay[] }>(`/communities/${communityId}/groups/${groupId}/plays`),
    select: (data) => data.items,
  });

export const usePlayCatalog = (communityId: number) =>
  useQuery({
    queryKey: keys.playCatalog(communityId),
    queryFn: () => api<{ items: PlayInfo[] }>('/plays'),
    select: (data) => data.items,
    staleTime: Infinity,
  });

type QueryLike = { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
/** Several queries seen as one by QueryState: pending while any is, failed when any failed. */
export const allOf = (...queries: QueryLike[]): QueryLike => {
  const failed = queries.find((q) => q.isError);
  return {
    isPending: !failed && queries.some((q) => q.isPending),
    isError: failed !== undefined,
    error: failed?.error ?? null,
    refetch: () => Promise.all(queries.filter((q) => q.isError).map((q) => q.refetch())),
  };
};

/** Events of every type together: 0 means nothing was imported or received yet. */
export const eventTotal = (community: Community) => Object.values(community.events).reduce((a, b) => a + b, 0);
