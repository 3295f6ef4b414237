import type { ActionTarget, Group, StoredAction } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';

const numberField = (payload: StoredAction['payload'], field: string): number | undefined => {
  const v = payload[field];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
};

/**
 * The platform's side of an action: plays name members and messages by Qunzhu's ids, adapters
 * need the platform's. A member with no identity on the group's platform is simply left out.
 */
export const resolveTarget = async (store: Store, action: StoredAction, group: Group): Promise<ActionTarget> => {
  const { payload } = action;
  const memberId = numberField(payload, 'memberId');
  const mentionIds = Array.isArray(payload.mentionMemberIds)
    ? payload.mentionMemberIds.filter((v): v is number => typeof v === 'number')
    : [];
  const eventId = numberField(payload, 'eventId') ?? numberField(payload, 'replyToEventId');
  const ids = [...new Set([...(memberId === undefined ? [] : [memberId]), ...mentionIds])];
  const identities = await store.targets.identities(action.communityId, group.platform, ids);
  const message = eventId === undefined ? undefined : await store.targets.eventSource(action.communityId, eventId);
  const member = memberId === undefined ? undefined : identities.get(memberId);
  const mentions = mentionIds.flatMap((id) => {
    const user = identities.get(id);
    return user ? [{ ...user, memberId: id }] : [];
  });
  return {
    platformGroupId: group.platformGroupId,
    ...(member ? { member } : {}),
    ...(message ? { message: { sourceId: message.sourceId } } : {}),
    ...(mentions.length > 0 ? { mentions } : {}),
  };
};
