import type { Update } from 'grammy/types';
import { type AdapterHarness, adapterContract, type ObservedCall } from '../contract.test-support.js';
import { FakeBotApi, type FakeChat, memberUpdate, tgChat, tgUser } from './fake-bot-api.test-support.js';
import { createTelegramConnection, telegramMessageId } from './index.js';

const GROUP: FakeChat = { id: -1001987654321, title: '读书会 · 周三共读', type: 'supergroup' };

/** Contract user ids ("u1001") as Telegram's numeric ids. */
const numericId = (id: string): number => Number(id.replace(/\D/g, ''));

const KINDS: Record<string, ObservedCall['kind']> = {
  sendMessage: 'send',
  deleteMessage: 'delete',
  restrictChatMember: 'mute',
  banChatMember: 'remove',
  approveChatJoinRequest: 'approve',
  declineChatJoinRequest: 'decline',
  createChatInviteLink: 'create_invite_link',
  pinChatMessage: 'pin',
};

adapterContract('telegram (fake Bot API)', (): AdapterHarness => {
  let fake: FakeBotApi;
  let messageId = 300;
  let date = 1_763_900_000;
  return {
    async open() {
      fake = new FakeBotApi();
      fake.addChat(GROUP);
      const apiRoot = await fake.start();
      const connection = createTelegramConnection({
        token: fake.token,
        apiRoot,
        groupIds: [String(GROUP.id)],
        pollTimeoutSeconds: 1,
      });
      return { connection, platformGroupId: String(GROUP.id) };
    },
    async inject(u) {
      const user = tgUser(numericId(u.user.id), u.user.name);
      date += 1;
      let update: Omit<Update, 'update_id'>;
      if (u.type === 'message') {
        update = { message: { message_id: messageId++, date, chat: tgChat(GROUP), from: user, text: u.text ?? '' } };
      } else {
        const [old, now] = u.type === 'join' ? (['left', 'member'] as const) : (['member', 'left'] as const);
        update = { chat_member: memberUpdate(GROUP, user, user, old, now, date) } as Omit<Update, 'update_id'>;
      }
      fake.deliver(update);
    },
    async calls() {
      return fake.calls.flatMap((c): ObservedCall[] => {
        const kind = KINDS[c.method];
        if (!kind) return [];
        const p = c.params;
        return [
          {
            kind,
            platformGroupId: String(p.chat_id),
            ...(typeof p.text === 'string' ? { text: p.text } : {}),
            ...(p.user_id === undefined ? {} : { platformUserId: String(p.user_id) }),
            ...(p.message_id === undefined ? {} : { messageId: String(p.message_id) }),
          },
        ];
      });
    },
    messageIdOf: (event) => String(telegramMessageId(event.sourceId)),
    close: () => fake.close(),
  };
});
