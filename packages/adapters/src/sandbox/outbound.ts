import type { ActionTarget, DeliveryResult, StoredAction } from '@qunzhu/core';

/** What the sandbox "platform" saw: every action it carried out, as a platform would record it. */
export type SandboxCall = {
  actionId: number;
  kind: StoredAction['kind'];
  platformGroupId: string;
  text?: string;
  platformUserId?: string;
  messageId?: string;
};

const SUPPORTED = new Set<StoredAction['kind']>([
  'send',
  'delete',
  'mute',
  'unmute',
  'remove',
  'approve',
  'decline',
  'create_invite_link',
  'pin',
]);

/**
 * The sandbox has no remote side: an action is carried out by recording it, and the sandbox
 * transcript shows sent actions beside the events. What a real platform would refuse (a send
 * without text, a delete without a message, an alert, which is for stewards), it refuses.
 */
export const executeSandboxAction = (
  action: StoredAction,
  target: ActionTarget,
  record: (call: SandboxCall) => void,
): DeliveryResult => {
  if (!SUPPORTED.has(action.kind)) {
    return { ok: false, permanent: true, error: `the sandbox does not carry out "${action.kind}"` };
  }
  const text = typeof action.payload.text === 'string' ? action.payload.text : undefined;
  if (action.kind === 'send' && text === undefined) return { ok: false, permanent: true, error: 'send without text' };
  if ((action.kind === 'delete' || action.kind === 'pin') && !target.message) {
    return { ok: false, permanent: true, error: `${action.kind} without a message` };
  }
  const needsMember = ['mute', 'unmute', 'remove', 'approve', 'decline'].includes(action.kind);
  if (needsMember && !target.member) return { ok: false, permanent: true, error: `${action.kind} without a member` };
  record({
    actionId: action.id,
    kind: action.kind,
    platformGroupId: target.platformGroupId,
    ...(text === undefined ? {} : { text }),
    ...(target.member ? { platformUserId: target.member.platformUserId } : {}),
    ...(target.message ? { messageId: target.message.sourceId } : {}),
  });
  const ref =
    action.kind === 'create_invite_link' ? `https://sandbox.invalid/join/${action.id}` : `sandbox-${action.id}`;
  return { ok: true, platformRef: ref };
};
