import type { ActionTarget, DeliveryResult, StoredAction } from '@qunzhu/core';
import type { Contact, Wechaty } from 'wechaty';
import type { PuppetAbilities } from './capabilities.js';

/** Why WeChat cannot do what was asked, in words a steward can act on (zh-CN first). */
const CANNOT: Partial<Record<StoredAction['kind'], string>> = {
  delete:
    '微信个人号不能删除他人的消息，请群主或管理员手动处理 / a WeChat account cannot delete other members’ messages: the owner or an admin has to',
  mute: '微信群没有禁言功能 / WeChat groups cannot mute a member',
  unmute: '微信群没有禁言功能 / WeChat groups cannot mute a member',
  approve: '微信群没有入群申请可审批 / WeChat groups have no join requests to approve',
  decline: '微信群没有入群申请可审批 / WeChat groups have no join requests to decline',
  create_invite_link:
    '微信个人号不能创建带名字的邀请链接（邀请人会随入群事件上报） / WeChat has no named invite links (the inviter comes with each join)',
  pin: '微信不能置顶已有消息；发送时设 pin 可改为群公告 / WeChat cannot pin an existing message; send with pin to post it as the announcement',
  alert: '提醒是发给管家的，不发到微信群 / alerts are for stewards, never sent to the group',
};

const refuse = (error: string): DeliveryResult => ({ ok: false, permanent: true, error });

/** A thrown puppet error as a result: "unsupported" cannot get better by retrying; the rest may. */
export const failure = (what: string, error: unknown): DeliveryResult => {
  const message = error instanceof Error ? error.message : String(error);
  const unsupported = /unsupported|not support/i.test(message);
  return {
    ok: false,
    error: `${what}: ${message || 'unknown error'}`,
    ...(unsupported ? { permanent: true } : {}),
  };
};

const findContacts = async (wechaty: Wechaty, ids: readonly string[]): Promise<Contact[]> => {
  const found = await Promise.all(ids.map((id) => wechaty.Contact.find({ id })));
  return found.filter((c): c is Contact => c !== undefined);
};

/** Why an action cannot be done here at all (retrying cannot help), or null when it can be tried. */
export const refusalOf = (
  action: StoredAction,
  target: ActionTarget,
  abilities: PuppetAbilities,
): DeliveryResult | null => {
  const cannot = CANNOT[action.kind];
  if (cannot) return refuse(cannot);
  if (action.kind === 'remove' && !abilities.remove) {
    return refuse('当前 puppet 不能把成员移出群 / this puppet cannot remove members from a group');
  }
  if (action.kind !== 'send' && action.kind !== 'remove') {
    return refuse(`微信适配器不执行「${action.kind}」 / the WeChat adapter does not carry out "${action.kind}"`);
  }
  const text = action.payload.text;
  if (action.kind === 'send' && (typeof text !== 'string' || text.trim() === '')) {
    return refuse('发送的内容为空 / send without text');
  }
  if (action.kind === 'remove' && !target.member) return refuse('移出谁？缺少成员 / remove without a member');
  return null;
};

/**
 * Carry out one action in a WeChat group: say (with mentions; as the group announcement when the
 * payload asks to pin and the puppet can announce) or remove a member where the puppet can.
 * Everything WeChat cannot do is refused permanently, so plays alert stewards instead.
 */
export const executeWechatyAction = async (
  wechaty: Wechaty,
  action: StoredAction,
  target: ActionTarget,
  abilities: PuppetAbilities,
): Promise<DeliveryResult> => {
  const refusal = refusalOf(action, target, abilities);
  if (refusal) return refusal;
  const text = typeof action.payload.text === 'string' ? action.payload.text : undefined;

  const room = await wechaty.Room.find({ id: target.platformGroupId }).catch(() => undefined);
  if (!room) {
    return refuse(`账号不在群 ${target.platformGroupId} 中 / the account is not in group ${target.platformGroupId}`);
  }

  if (action.kind === 'remove' && target.member) {
    const [member] = await findContacts(wechaty, [target.member.platformUserId]);
    if (!member) {
      return refuse(`找不到成员 ${target.member.displayName} / no such member: ${target.member.platformUserId}`);
    }
    try {
      await room.remove(member);
      return { ok: true };
    } catch (error) {
      return failure('移出失败 / remove failed', error);
    }
  }

  const body = text ?? '';
  if (action.payload.pin === true && abilities.announce) {
    try {
      // WeChat posts a new announcement into the chat for everyone: it is the send.
      await room.announce(body);
      return { ok: true };
    } catch (error) {
      return failure('发布群公告失败 / setting the announcement failed', error);
    }
  }
  try {
    const mentions = await findContacts(
      wechaty,
      (target.mentions ?? []).map((m) => m.platformUserId),
    );
    const sent = await room.say(body, ...mentions);
    return { ok: true, ...(sent ? { platformRef: sent.id } : {}) };
  } catch (error) {
    return failure('发送失败 / send failed', error);
  }
};
