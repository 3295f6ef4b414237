import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { type FakeChat, memberUpdate, tgChat, tgUser } from './fake-bot-api.test-support.js';
import { fromUpdate, type InboundContext, telegramMessageId } from './inbound.js';

const BOT_ID = 7000000001;
const bot = { id: BOT_ID, is_bot: true as const, first_name: '群主助手', username: 'qunzhu_test_bot' };
const GROUP: FakeChat = { id: -1001987654321, title: '读书会 · 周三共读', type: 'supergroup' };
const BASIC: FakeChat = { id: -4012345678, title: '小区团购群', type: 'group' };
const lin = tgUser(5123456789, '小林', { username: 'xiaolin_reads' });
const ada = tgUser(6234567890, 'Ada', { last_name: 'Wong' });

const ctx = (admin: boolean | ((chatId: string) => boolean) = true): InboundContext => ({
  botId: String(BOT_ID),
  receivedAt: new Date('2025-11-23T08:00:00Z'),
  receivesMemberUpdates: typeof admin === 'function' ? admin : () => admin,
});

const update = (u: Omit<Update, 'update_id'>, id = 900001): Update => ({ update_id: id, ...u }) as Update;

describe('telegram inbound', () => {
  it('turns a group text message into a message event with a recoverable message id', () => {
    const inbound = fromUpdate(
      update({
        message: {
          message_id: 4411,
          date: 1763884800,
          chat: tgChat(GROUP),
          from: lin,
          text: '打卡 day 12：读完第三章',
        },
      }),
      ctx(),
    );
    expect(inbound.group).toEqual({ platformGroupId: '-1001987654321', name: '读书会 · 周三共读' });
    expect(inbound.events).toHaveLength(1);
    const [event] = inbound.events;
    expect(event).toMatchObject({
      type: 'message',
      source: `telegram:${BOT_ID}`,
      sourceId: '-1001987654321:4411',
      text: '打卡 day 12：读完第三章',
      actor: { platform: 'telegram', platformUserId: '5123456789', displayName: '小林' },
      group: { platform: 'telegram', platformGroupId: '-1001987654321' },
    });
    expect(event?.at.toISOString()).toBe('2025-11-23T08:00:00.000Z');
    expect(telegramMessageId(event?.sourceId ?? '')).toBe(4411);
  });

  it('keeps a caption, a forward origin, a reply, hidden links and a command', () => {
    const [photo] = fromUpdate(
      update({
        message: {
          message_id: 4412,
          date: 1763884860,
          chat: tgChat(GROUP),
          from: ada,
          caption: '限时福利，点这里领取',
          caption_entities: [{ type: 'text_link', offset: 7, length: 2, url: 'https://example.com/promo' }],
          photo: [{ file_id: 'AgAC', file_unique_id: 'AQAD', width: 90, height: 90 }],
          forward_origin: {
            type: 'channel',
            chat: { id: -1001111111111, type: 'channel', title: '福利频道' },
            message_id: 77,
            date: 1763800000,
          },
          reply_to_message: { message_id: 4411, date: 1763884800, chat: tgChat(GROUP), from: lin, text: '打卡' },
        },
      } as Omit<Update, 'update_id'>),
      ctx(),
    ).events;
    expect(photo?.text).toBe('限时福利，点这里领取');
    expect(photo?.replyTo).toBe('-1001987654321:4411');
    expect(photo?.actor.displayName).toBe('Ada Wong');
    expect(photo?.extra).toMatchObject({
      forwarded: true,
      forwardOrigin: { type: 'channel', chatId: '-1001111111111', title: '福利频道', messageId: 77 },
      media: 'photo',
      links: ['https://example.com/promo'],
    });

    const [command] = fromUpdate(
      update({
        message: {
          message_id: 4413,
          date: 1763884900,
          chat: tgChat(GROUP),
          from: lin,
          text: '/checkin@qunzhu_test_bot',
          entities: [{ type: 'bot_command', offset: 0, length: 24 }],
        },
      }),
      ctx(),
    ).events;
    expect(command?.type).toBe('message');
    expect(command?.extra?.command).toBe('checkin');
  });

  it('makes an edit its own event, pointing at the message it changed', () => {
    const [edit] = fromUpdate(
      update({
        edited_message: {
          message_id: 4411,
          date: 1763884800,
          edit_date: 1763884930,
          chat: tgChat(GROUP),
          from: lin,
          text: '打卡 day 12：读完第三、四章',
        },
      } as Omit<Update, 'update_id'>),
      ctx(),
    ).events;
    expect(edit).toMatchObject({
      type: 'edit',
      sourceId: '-1001987654321:4411:edit:1763884930',
      text: '打卡 day 12：读完第三、四章',
      extra: { messageSourceId: '-1001987654321:4411' },
    });
    expect(edit?.at.getTime()).toBe(1763884930 * 1000);
    expect(telegramMessageId(edit?.sourceId ?? '')).toBe(4411);
  });

  it('reads joins and leaves from chat_member, with the invite link and its creator as inviter', () => {
    const link = {
      invite_link: 'https://t.me/+AbCdEf…',
      creator: lin,
      name: '小林的邀请',
      creates_join_request: false,
      is_primary: false,
      is_revoked: false,
    };
    const join = fromUpdate(
      update({
        chat_member: memberUpdate(GROUP, ada, ada, 'left', 'member', 1763885000, { invite_link: link }),
      } as Omit<Update, 'update_id'>),
      ctx(),
    ).events[0];
    expect(join).toMatchObject({
      type: 'join',
      actor: { platformUserId: '6234567890' },
      inviter: { platformUserId: '5123456789', displayName: '小林' },
      extra: { inviteLink: { name: '小林的邀请', creatorId: '5123456789' } },
    });

    // A link the bot made names the referrer only by its name: the bot is no inviter.
    const viaBotLink = fromUpdate(
      update({
        chat_member: memberUpdate(GROUP, ada, ada, 'left', 'member', 1763885001, {
          invite_link: { ...link, creator: bot, name: 'ref:42' },
        }),
      } as Omit<Update, 'update_id'>),
      ctx(),
    ).events[0];
    expect(viaBotLink?.inviter).toBeUndefined();
    expect(viaBotLink?.extra?.inviteLink).toMatchObject({ name: 'ref:42' });

    // Added by a member: that member invited them.
    const added = fromUpdate(
      update({ chat_member: memberUpdate(GROUP, ada, lin, 'left', 'member', 1763885002) } as Omit<Update, 'update_id'>),
      ctx(),
    ).events[0];
    expect(added?.inviter?.platformUserId).toBe('5123456789');

    const kicked = fromUpdate(
      update({ chat_member: memberUpdate(GROUP, ada, lin, 'member', 'kicked', 1763885100) } as Omit<
        Update,
        'update_id'
      >),
      ctx(),
    ).events[0];
    expect(kicked).toMatchObject({ type: 'leave', extra: { removedBy: '5123456789', status: 'kicked' } });
    expect(kicked?.sourceId).not.toBe(join?.sourceId);

    // A promotion is no join.
    expect(
      fromUpdate(
        update({ chat_member: memberUpdate(GROUP, ada, lin, 'member', 'administrator', 1763885200) } as Omit<
          Update,
          'update_id'
        >),
        ctx(),
      ).events,
    ).toEqual([]);
  });

  it('counts service join/leave messages only where chat_member updates do not come', () => {
    const joinedMsg = update({
      message: { message_id: 88, date: 1763885300, chat: tgChat(BASIC), from: lin, new_chat_members: [ada, lin] },
    } as Omit<Update, 'update_id'>);
    expect(fromUpdate(joinedMsg, ctx(true)).events).toEqual([]);
    const events = fromUpdate(joinedMsg, ctx(false)).events;
    expect(events.map((e) => [e.type, e.actor.platformUserId, e.inviter?.platformUserId, e.sourceId])).toEqual([
      ['join', '6234567890', '5123456789', '-4012345678:88:1'],
      ['join', '5123456789', undefined, '-4012345678:88:2'],
    ]);
    const left = fromUpdate(
      update({
        message: { message_id: 89, date: 1763885400, chat: tgChat(BASIC), from: ada, left_chat_member: ada },
      } as Omit<Update, 'update_id'>),
      ctx((chat) => chat !== '-4012345678'),
    ).events;
    expect(left.map((e) => e.type)).toEqual(['leave']);
  });

  it('reports the bot added to and removed from a group, and ignores private chats', () => {
    const added = fromUpdate(
      update({
        my_chat_member: {
          chat: tgChat(GROUP),
          from: lin,
          date: 1763885500,
          old_chat_member: { status: 'left', user: bot },
          new_chat_member: { status: 'member', user: bot },
        },
      }),
      ctx(),
    );
    expect(added.bot).toEqual({ platformGroupId: '-1001987654321', member: true, admin: false });
    expect(added.events).toEqual([]);
    const removed = fromUpdate(
      update({
        my_chat_member: {
          chat: tgChat(GROUP),
          from: lin,
          date: 1763885600,
          old_chat_member: { status: 'member', user: bot },
          new_chat_member: { status: 'kicked', user: bot, until_date: 0 },
        },
      }),
      ctx(),
    );
    expect(removed.bot?.member).toBe(false);
    const direct = fromUpdate(
      update({
        message: {
          message_id: 3,
          date: 1763885700,
          chat: { id: lin.id, type: 'private', first_name: '小林' },
          from: lin,
          text: '/start',
        },
      }),
      ctx(),
    );
    expect(direct).toEqual({ events: [] });
  });

  it('reads join requests, button presses and reactions', () => {
    const request = fromUpdate(
      update({
        chat_join_request: {
          chat: { id: GROUP.id, type: 'supergroup', title: GROUP.title },
          from: ada,
          user_chat_id: ada.id,
          date: 1763885800,
          bio: '前端工程师，想加入读书会',
        },
      }),
      ctx(),
    ).events[0];
    expect(request).toMatchObject({
      type: 'join_request',
      actor: { platformUserId: '6234567890' },
      extra: { bio: '前端工程师，想加入读书会', userChatId: '6234567890' },
    });

    const press = fromUpdate(
      update({
        callback_query: {
          id: '4382bfdwdsb323b2d9',
          from: ada,
          chat_instance: '-8203745',
          data: 'gate:6234567890:ok',
          message: {
            message_id: 5001,
            date: 1763885810,
            chat: tgChat(GROUP),
            from: bot,
            text: '请点按钮证明你不是机器人',
          },
        },
      }),
      ctx(),
    );
    expect(press.callbackQueryId).toBe('4382bfdwdsb323b2d9');
    expect(press.events[0]).toMatchObject({
      type: 'callback',
      sourceId: '-1001987654321:callback:4382bfdwdsb323b2d9',
      extra: { data: 'gate:6234567890:ok', messageSourceId: '-1001987654321:5001' },
    });
    expect(press.events[0]?.at.toISOString()).toBe('2025-11-23T08:00:00.000Z');

    const reaction = fromUpdate(
      update({
        message_reaction: {
          chat: tgChat(GROUP),
          message_id: 4411,
          user: ada,
          date: 1763885900,
          old_reaction: [{ type: 'emoji', emoji: '👍' }],
          new_reaction: [{ type: 'emoji', emoji: '🔥' }],
        },
      }),
      ctx(),
    ).events[0];
    expect(reaction).toMatchObject({
      type: 'reaction',
      text: '🔥',
      extra: { added: ['🔥'], removed: ['👍'], messageSourceId: '-1001987654321:4411' },
    });
  });

  it('follows a basic group upgraded to a supergroup to its new id', () => {
    const moved = fromUpdate(
      update({
        message: {
          message_id: 120,
          date: 1763886000,
          chat: tgChat(BASIC),
          from: lin,
          migrate_to_chat_id: -1002233445566,
        },
      } as Omit<Update, 'update_id'>),
      ctx(),
    );
    expect(moved.bot).toEqual({ platformGroupId: '-4012345678', member: false });
    expect(moved.group).toEqual({ platformGroupId: '-1002233445566', name: '小区团购群' });
    expect(moved.events).toEqual([]);
  });

  it('gives the same source id to the same update delivered twice, and reads imported ids', () => {
    const u = update({ message: { message_id: 4411, date: 1763884800, chat: tgChat(GROUP), from: lin, text: 'hi' } });
    expect(fromUpdate(u, ctx()).events[0]?.sourceId).toBe(
      fromUpdate({ ...u, update_id: 900777 }, ctx()).events[0]?.sourceId,
    );
    expect(telegramMessageId('4411')).toBe(4411);
    // An imported service message that named several members: message 12, its first member.
    expect(telegramMessageId('12:1')).toBe(12);
    expect(telegramMessageId('-1001987654321:member:6234567890:1763885000:member')).toBeNull();
    expect(telegramMessageId('-1001987654321:callback:abc')).toBeNull();
  });
});
