import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';

/** One Bot API call the fake received. */
export type FakeCall = { method: string; params: Record<string, unknown> };

/** What the fake answers instead, once: a Bot API error, or a dropped connection (a network error). */
export type FakeFailure =
  | { error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } }
  | 'drop';

export type FakeChat = {
  id: number;
  title: string;
  type: 'group' | 'supergroup';
  /** The bot's status there: administrators get chat_member updates from Telegram. */
  botStatus?: 'administrator' | 'member';
  permissions?: Record<string, boolean>;
};

type Waiter = { offset: number; resolve: (updates: Update[]) => void; timer: NodeJS.Timeout };

/**
 * A small Bot API server on 127.0.0.1 for tests: getMe, getUpdates (long polling with offset and
 * timeout: confirmed updates are dropped, others come again), the methods the adapter calls, each
 * recorded, and failures on demand (429 with retry_after, 400s, dropped connections).
 */
export class FakeBotApi {
  readonly token: string;
  readonly bot = {
    id: 7_000_000_001,
    is_bot: true as const,
    first_name: '群主助手',
    username: 'qunzhu_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: true,
    supports_inline_queries: false,
  };
  readonly calls: FakeCall[] = [];
  readonly chats = new Map<number, FakeChat>();
  /** Message ids that exist per chat (delivered or sent), so deleting an unknown one fails as on Telegram. */
  readonly messages = new Map<number, Set<number>>();
  private readonly queue: Update[] = [];
  private readonly failures = new Map<string, FakeFailure[]>();
  private waiters: Waiter[] = [];
  private nextUpdateId = 100;
  private nextMessageId = 5000;
  private nextLink = 1;
  private server: Server | null = null;

  constructor(token = '7000000001:AAFakeTokenForQunzhuTests_0123456789') {
    this.token = token;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error_code: 500, description: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve([]);
    }
    this.waiters = [];
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addChat(chat: FakeChat): void {
    this.chats.set(chat.id, chat);
  }

  /** Queue an update for the bot (an update_id is given if missing); long polls waiting get it. */
  deliver(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId++ } as Update;
    const m = full.message ?? full.edited_message;
    if (m) this.remember(m.chat.id, m.message_id);
    this.queue.push(full);
    const ready = this.waiters.filter((w) => this.pending(w.offset).length > 0);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) {
      clearTimeout(w.timer);
      w.resolve(this.pending(w.offset));
    }
    return full;
  }

  /** The next calls of `method` fail this way, in order. */
  failNext(method: string, ...failures: FakeFailure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.params);
  }

  newMessageId(): number {
    return this.nextMessageId++;
  }

  private remember(chatId: number, messageId: number) {
    const set = this.messages.get(chatId) ?? new Set<number>();
    set.add(messageId);
    this.messages.set(chatId, set);
  }

  private pending(offset: number): Update[] {
    return this.queue.filter((u) => u.update_id >= offset);
  }

  private async body(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw === '') return {};
    if ((req.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(raw);
    return Object.fromEntries(new URLSearchParams(raw));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url?.split('?')[0] ?? '');
    const send = (status: number, payload: unknown) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (!match) return send(404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method = ''] = match;
    const params = await this.body(req);
    if (token !== this.token) return send(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    this.calls.push({ method, params });
    const failure = this.failures.get(method)?.shift();
    if (failure === 'drop') {
      req.socket.destroy();
      return;
    }
    if (failure) return send(failure.error_code, { ok: false, ...failure });
    const ok = (result: unknown) => send(200, { ok: true, result });
    const bad = (description: string) =>
      send(400, { ok: false, error_code: 400, description: `Bad Request: ${description}` });
    const chatId = Number(params.chat_id);
    const chat = this.chats.get(chatId);
    switch (method) {
      case 'getMe':
        return ok(this.bot);
      case 'getUpdates': {
        const offset = Number(params.offset ?? 0);
        // Telegram forgets what an offset confirms.
        for (let i = this.queue.length - 1; i >= 0; i--)
          if ((this.queue[i]?.update_id ?? 0) < offset) this.queue.splice(i, 1);
        const now = this.pending(offset);
        const timeout = Number(params.timeout ?? 0);
        if (now.length > 0 || timeout === 0) return ok(now.slice(0, Number(params.limit ?? 100)));
        const updates = await new Promise<Update[]>((resolve) => {
          const waiter: Waiter = { offset, resolve, timer: setTimeout(() => done([]), timeout * 1000) };
          function done(u: Update[]) {
            clearTimeout(waiter.timer);
            resolve(u);
          }
          this.waiters.push(waiter);
          // A caller that gives up (stop) must not take updates with it.
          res.on('close', () => {
            this.waiters = this.waiters.filter((w) => w !== waiter);
            done([]);
          });
        });
        return ok(updates);
      }
      case 'deleteWebhook':
      case 'setWebhook':
      case 'setMyCommands':
      case 'answerCallbackQuery':
        return ok(true);
      case 'getChat':
        if (!chat) return bad('chat not found');
        return ok({
          id: chat.id,
          type: chat.type,
          title: chat.title,
          ...(chat.permissions ? { permissions: chat.permissions } : {}),
          accent_color_id: 0,
          max_reaction_count: 11,
          accepted_gift_types: {},
        });
      case 'getChatMember':
        if (!chat) return bad('chat not found');
        return ok({
          status: Number(params.user_id) === this.bot.id ? (chat.botStatus ?? 'administrator') : 'member',
          user: { id: Number(params.user_id), is_bot: false, first_name: 'someone' },
        });
      case 'sendMessage': {
        if (!chat) return bad('chat not found');
        const id = this.newMessageId();
        this.remember(chat.id, id);
        return ok({
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chat.id, type: chat.type, title: chat.title },
          from: this.bot,
          text: params.text,
        });
      }
      case 'deleteMessage':
      case 'pinChatMessage':
        if (!chat) return bad('chat not found');
        if (!this.messages.get(chat.id)?.has(Number(params.message_id))) {
          return bad(method === 'deleteMessage' ? 'message to delete not found' : 'message to pin not found');
        }
        if (method === 'deleteMessage') this.messages.get(chat.id)?.delete(Number(params.message_id));
        return ok(true);
      case 'restrictChatMember':
      case 'banChatMember':
      case 'unbanChatMember':
      case 'approveChatJoinRequest':
      case 'declineChatJoinRequest':
        if (!chat) return bad('chat not found');
        if (!Number.isSafeInteger(Number(params.user_id))) return bad('invalid user_id specified');
        return ok(true);
      case 'createChatInviteLink': {
        if (!chat) return bad('chat not found');
        const n = this.nextLink++;
        return ok({
          invite_link: `https://t.me/+fakeLink${n}`,
          creator: this.bot,
          creates_join_request: false,
          is_primary: false,
          is_revoked: false,
          ...(params.name ? { name: params.name } : {}),
        });
      }
      default:
        return send(404, { ok: false, error_code: 404, description: `Not Found: method ${method}` });
    }
  }
}

/** A Telegram user as updates carry them. */
export const tgUser = (id: number, first_name: string, extra: { last_name?: string; username?: string } = {}) => ({
  id,
  is_bot: false as const,
  first_name,
  ...extra,
});

type TgUser = ReturnType<typeof tgUser>;

export const tgChat = (chat: FakeChat) => ({ id: chat.id, type: chat.type, title: chat.title }) as const;

const memberOf = (user: TgUser, status: 'member' | 'left' | 'kicked' | 'administrator') =>
  status === 'kicked'
    ? { status, user, until_date: 0 }
    : status === 'administrator'
      ? {
          status,
          user,
          can_be_edited: false,
          is_anonymous: false,
          can_manage_chat: true,
          can_delete_messages: true,
          can_manage_video_chats: false,
          can_restrict_members: true,
          can_promote_members: false,
          can_change_info: false,
          can_invite_users: true,
          can_post_stories: false,
          can_edit_stories: false,
          can_delete_stories: false,
          can_send_welcome_messages: false,
        }
      : { status, user };

/** A chat_member update: `from` changed `user`'s status in `chat`. */
export const memberUpdate = (
  chat: FakeChat,
  user: TgUser,
  from: TgUser,
  old: 'member' | 'left' | 'kicked' | 'administrator',
  now: 'member' | 'left' | 'kicked' | 'administrator',
  date: number,
  extra: Record<string, unknown> = {},
) => ({
  chat: tgChat(chat),
  from,
  date,
  old_chat_member: memberOf(user, old),
  new_chat_member: memberOf(user, now),
  ...extra,
});
