import {
  type ChatConnection,
  type ConnectionState,
  type DiscoveredGroup,
  type EventInput,
  type InboundSink,
  QunzhuError,
} from '@qunzhu/core';
import { Api, GrammyError, HttpError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { TELEGRAM_ALLOWED_UPDATES, TELEGRAM_PLATFORM, telegramCapabilities, telegramLimits } from './capabilities.js';
import { parseOptions, type TelegramLog, type TelegramOptions } from './config.js';
import { displayName, fromUpdate, type InboundContext } from './inbound.js';
import { DEFAULT_COMMANDS, executeTelegramAction, setCommands } from './outbound.js';
import { secretMatches, webhookUpdateSchema } from './webhook.js';

export { TELEGRAM_ALLOWED_UPDATES, TELEGRAM_PLATFORM, telegramCapabilities, telegramLimits } from './capabilities.js';
export { type TelegramLog, type TelegramOptions, telegramOptionsFromEnv } from './config.js';
export {
  fromUpdate,
  type Inbound,
  type InboundContext,
  messageSourceId,
  telegramMessageId,
  telegramSource,
} from './inbound.js';
export {
  type BotCommandSpec,
  DEFAULT_COMMANDS,
  deliveryError,
  executeTelegramAction,
  mentionEntities,
} from './outbound.js';
export { SECRET_HEADER, secretMatches } from './webhook.js';

/** A bot's connection; in webhook mode the server's HTTP route hands each request to `handleWebhook`. */
export type TelegramConnection = ChatConnection & {
  handleWebhook(body: unknown, secretTokenHeader: string | undefined): Promise<{ status: number }>;
};

const quietLog: TelegramLog = { info: () => {}, warn: () => {}, error: () => {} };

/** Wait, but wake at once when the connection stops. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** grammY's Node build types its signals with the abort-controller polyfill; Node's own work the same at run time. */
type GrammySignal = NonNullable<Parameters<Api['getMe']>[0]>;
const asGrammy = (signal: AbortSignal): GrammySignal => signal as unknown as GrammySignal;

const backoffMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));

/** Polling against a server that answers at once (an emulator) must not spin: at least this between calls. */
const MIN_POLL_INTERVAL_MS = 250;

const account = (me: UserFromGetMe) => ({
  platformUserId: String(me.id),
  displayName: me.username ? `${displayName(me)} (@${me.username})` : displayName(me),
});

type Problem = { permanent: boolean; detail: string; retryAfterMs?: number };

/** Why the connection is down, in both languages (zh-CN first): the console shows it as is. */
const problemOf = (error: unknown, apiRoot: string): Problem => {
  if (error instanceof GrammyError) {
    if (error.error_code === 401 || error.error_code === 404) {
      return {
        permanent: true,
        detail: `Telegram 拒绝了这个机器人令牌（${error.error_code}），请在 BotFather 核对 TELEGRAM_BOT_TOKEN。 / Telegram refused the bot token (${error.error_code}): check TELEGRAM_BOT_TOKEN with BotFather.`,
      };
    }
    if (error.error_code === 409) {
      return {
        permanent: false,
        detail: `另一个进程正在用同一个令牌接收更新（或设置了 webhook），稍后重试。 / Another process is getting this bot's updates (or a webhook is set): ${error.description}; retrying.`,
      };
    }
    if (error.error_code === 429) {
      const seconds = error.parameters?.retry_after ?? 5;
      return {
        permanent: false,
        retryAfterMs: seconds * 1000,
        detail: `Telegram 要求等待 ${seconds} 秒。 / Telegram asked to wait ${seconds} s.`,
      };
    }
    return {
      permanent: false,
      detail: `Telegram 返回错误：${error.description}（${error.error_code}），稍后重试。 / Telegram answered ${error.error_code}: ${error.description}; retrying.`,
    };
  }
  const message = error instanceof HttpError || error instanceof Error ? error.message : String(error);
  return {
    permanent: false,
    detail: `无法连接 ${apiRoot}：${message}，稍后重试。 / Cannot reach ${apiRoot}: ${message}; retrying.`,
  };
};

/**
 * A Telegram bot as one community's connection: long polling (default) or a webhook, updates
 * turned into events for the sink, actions carried out with the Bot API (grammY's `Api`).
 *
 * Polling is our own small loop over `getUpdates` rather than `bot.start()`: the offset is moved
 * past a batch only once the sink has stored it, so a crash or a store outage means Telegram
 * sends the batch again (and the stable source ids make that harmless) instead of losing it.
 */
export const createTelegramConnection = (options: TelegramOptions): TelegramConnection => {
  const config = parseOptions(options);
  const log = options.log ?? quietLog;
  const commands = options.commands ?? DEFAULT_COMMANDS;
  const apiRoot = config.apiRoot ?? 'https://api.telegram.org';
  const api = new Api(config.token, {
    apiRoot,
    // A long poll waits pollTimeoutSeconds; anything beyond that and a margin is a dead connection.
    timeoutSeconds: config.pollTimeoutSeconds + 30,
  });

  let sink: InboundSink | null = null;
  let me: UserFromGetMe | null = null;
  let running = false;
  let abort = new AbortController();
  let loop: Promise<void> | null = null;
  let offset: number | undefined;
  /** Groups the bot is in, as far as updates and getChat have shown. */
  const groups = new Map<string, DiscoveredGroup>();
  /** Whether the bot is admin per group (then Telegram sends chat_member updates there). */
  const adminIn = new Map<string, boolean>();

  const state = (s: Omit<ConnectionState, 'at'>) => sink?.state({ ...s, at: new Date() });

  /** Where a service "joined/left" message arrives from a group we know nothing of, ask whether the bot is admin. */
  const learnAdminStatus = async (updates: readonly Update[]) => {
    if (!me) return;
    for (const u of updates) {
      if (u.chat_member) adminIn.set(String(u.chat_member.chat.id), true);
      const mine = u.my_chat_member?.new_chat_member;
      if (mine && u.my_chat_member) {
        adminIn.set(String(u.my_chat_member.chat.id), mine.status === 'administrator' || mine.status === 'creator');
      }
      const m = u.message;
      if (!m || (m.new_chat_members === undefined && m.left_chat_member === undefined)) continue;
      const chatId = String(m.chat.id);
      if (adminIn.has(chatId) || (m.chat.type !== 'group' && m.chat.type !== 'supergroup')) continue;
      try {
        const member = await api.getChatMember(m.chat.id, me.id);
        adminIn.set(chatId, member.status === 'administrator' || member.status === 'creator');
      } catch (error) {
        log.warn('telegram: could not tell whether the bot is admin; counting service join/leave messages', {
          chat: chatId,
          error: String(error),
        });
      }
    }
  };

  /**
   * Hand a batch to the sink; the local view of groups changes only once the sink took it.
   * False when the connection stopped meanwhile (the batch was not delivered, so not confirmed).
   */
  const deliverNow = async (updates: readonly Update[]): Promise<boolean> => {
    const target = sink;
    if (!target || !me) throw new Error('the Telegram connection is not started');
    await learnAdminStatus(updates);
    const botId = String(me.id);
    const nextGroups = new Map(groups);
    const nextAdmin = new Map(adminIn);
    const ctx: InboundContext = {
      botId,
      receivedAt: new Date(),
      receivesMemberUpdates: (chatId) => nextAdmin.get(chatId) === true,
    };
    const events: EventInput[] = [];
    const found = new Map<string, DiscoveredGroup>();
    const lost = new Set<string>();
    const callbacks: string[] = [];
    for (const update of updates) {
      let inbound: ReturnType<typeof fromUpdate>;
      try {
        inbound = fromUpdate(update, ctx);
      } catch (error) {
        // One odd update must not hold up the rest (it would come back for ever).
        log.warn('telegram: update skipped', { updateId: update.update_id, error: String(error) });
        continue;
      }
      if (inbound.bot) {
        const id = inbound.bot.platformGroupId;
        if (inbound.bot.member) {
          if (inbound.bot.admin !== undefined) nextAdmin.set(id, inbound.bot.admin);
          lost.delete(id);
        } else {
          nextGroups.delete(id);
          nextAdmin.delete(id);
          found.delete(id);
          lost.add(id);
        }
      }
      const group = inbound.group;
      if (group && !lost.has(group.platformGroupId)) {
        const known = nextGroups.get(group.platformGroupId);
        if (!known || known.name !== group.name) found.set(group.platformGroupId, group);
        nextGroups.set(group.platformGroupId, group);
      }
      events.push(...inbound.events);
      if (inbound.callbackQueryId) callbacks.push(inbound.callbackQueryId);
    }
    if (!running) return false;
    for (const group of found.values()) {
      await target.groupFound(group);
      log.info('telegram: group found', { chat: group.platformGroupId, title: group.name });
    }
    if (events.length > 0) await target.events(events);
    for (const id of lost) {
      await target.groupLost(id);
      log.info('telegram: bot removed from group', { chat: id });
    }
    groups.clear();
    for (const [k, v] of nextGroups) groups.set(k, v);
    adminIn.clear();
    for (const [k, v] of nextAdmin) adminIn.set(k, v);
    for (const id of callbacks) {
      await api.answerCallbackQuery(id).catch((error: unknown) => {
        log.warn('telegram: answerCallbackQuery failed', { error: String(error) });
      });
    }
    return true;
  };

  /** One batch at a time (webhook calls can overlap), so groups and admin status stay consistent. */
  let delivering: Promise<unknown> = Promise.resolve();
  const deliver = (updates: readonly Update[]): Promise<boolean> => {
    const next = delivering.then(() => deliverNow(updates));
    delivering = next.catch(() => {});
    return next;
  };

  const lookUpGroup = async (id: string): Promise<DiscoveredGroup | null> => {
    try {
      const chat = await api.getChat(id, asGrammy(abort.signal));
      const { id: chatId, type } = chat;
      if (type !== 'group' && type !== 'supergroup') return null;
      return { platformGroupId: String(chatId), name: ('title' in chat && chat.title) || String(chatId) };
    } catch (error) {
      log.warn('telegram: configured group not found', { chat: id, error: String(error) });
      return null;
    }
  };

  const connect = async (signal: AbortSignal) => {
    me = await api.getMe(asGrammy(signal));
    if (!me.can_read_all_group_messages) {
      log.warn(
        'telegram: privacy mode is on; the bot sees only commands and replies unless it is admin (BotFather: /setprivacy → Disable)',
        { bot: me.username },
      );
    }
    try {
      await setCommands(api, commands);
    } catch (error) {
      log.warn('telegram: could not set the command menu', { error: String(error) });
    }
    if (config.mode === 'webhook' && config.webhook) {
      await api.setWebhook(
        config.webhook.url,
        { secret_token: config.webhook.secretToken, allowed_updates: [...TELEGRAM_ALLOWED_UPDATES] },
        asGrammy(signal),
      );
    } else {
      // getUpdates fails (409) while a webhook is set.
      await api.deleteWebhook({}, asGrammy(signal));
    }
    for (const id of config.groupIds) {
      const group = await lookUpGroup(id);
      if (!group || !running) continue;
      groups.set(group.platformGroupId, group);
      await sink?.groupFound(group);
    }
    state({ status: 'connected', account: account(me) });
    log.info('telegram: connected', { bot: me.username, mode: config.mode });
  };

  const poll = async (signal: AbortSignal) => {
    let failures = 0;
    let storeFailures = 0;
    let down = false;
    while (running) {
      const started = Date.now();
      let updates: Update[];
      try {
        updates = await api.getUpdates(
          {
            ...(offset === undefined ? {} : { offset }),
            timeout: config.pollTimeoutSeconds,
            allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
          },
          asGrammy(signal),
        );
      } catch (error) {
        if (!running) return;
        const problem = problemOf(error, apiRoot);
        state({ status: problem.permanent ? 'failed' : 'disconnected', detail: problem.detail });
        log.warn('telegram: getUpdates failed', { error: String(error) });
        if (problem.permanent) {
          running = false;
          return;
        }
        down = true;
        await sleep(problem.retryAfterMs ?? backoffMs(failures++), signal);
        continue;
      }
      if (down && me) {
        down = false;
        state({ status: 'connected', account: account(me) });
      }
      failures = 0;
      if (updates.length > 0) {
        try {
          const last = updates.at(-1);
          if (!(await deliver(updates))) return;
          if (last) offset = last.update_id + 1;
          storeFailures = 0;
        } catch (error) {
          // Not confirmed: Telegram sends the same batch again on the next call.
          log.error('telegram: could not hand updates to the runtime; will retry', { error: String(error) });
          await sleep(backoffMs(storeFailures++), signal);
          continue;
        }
      }
      await sleep(MIN_POLL_INTERVAL_MS - (Date.now() - started), signal);
    }
  };

  const run = async (signal: AbortSignal, settled: () => void) => {
    for (let attempt = 0; running; attempt++) {
      try {
        await connect(signal);
        settled();
        break;
      } catch (error) {
        if (!running) return settled();
        const problem = problemOf(error, apiRoot);
        state({ status: problem.permanent ? 'failed' : 'disconnected', detail: problem.detail });
        log.warn('telegram: could not connect', { error: String(error) });
        settled();
        if (problem.permanent) {
          running = false;
          return;
        }
        await sleep(problem.retryAfterMs ?? backoffMs(attempt), signal);
      }
    }
    if (running && config.mode === 'polling') await poll(signal);
  };

  return {
    platform: TELEGRAM_PLATFORM,
    capabilities: telegramCapabilities,
    limits: telegramLimits,
    execute: (action, target) => executeTelegramAction(api, action, target),

    async start(s) {
      if (running) throw new QunzhuError('conflict', 'this Telegram connection is already started');
      sink = s;
      running = true;
      abort = new AbortController();
      state({ status: 'connecting' });
      const signal = abort.signal;
      await new Promise<void>((settled) => {
        loop = run(signal, settled).catch((error: unknown) => {
          log.error('telegram: connection loop failed', { error: String(error) });
          state({ status: 'failed', detail: String(error) });
          settled();
        });
      });
    },

    async stop() {
      if (!sink) return;
      running = false;
      abort.abort();
      await loop;
      loop = null;
      if (config.mode === 'polling' && offset !== undefined) {
        // Confirm what was delivered, so the next start does not get it again (it would be harmless).
        await api.getUpdates({ offset, limit: 1, timeout: 0 }, asGrammy(AbortSignal.timeout(2000))).catch(() => {});
      }
      state({ status: 'disconnected' });
      sink = null;
    },

    async discoverGroups() {
      const missing = config.groupIds.filter((id) => !groups.has(id));
      for (const id of missing) {
        const group = await lookUpGroup(id);
        if (group) groups.set(group.platformGroupId, group);
      }
      return [...groups.values()];
    },

    async handleWebhook(body, secretTokenHeader) {
      if (config.mode !== 'webhook' || !config.webhook) return { status: 404 };
      if (!secretMatches(config.webhook.secretToken, secretTokenHeader)) {
        log.warn('telegram: webhook request refused: missing or wrong secret token', {
          header: secretTokenHeader === undefined ? 'missing' : 'wrong',
        });
        return { status: 401 };
      }
      if (!running || !me) return { status: 503 };
      const parsed = webhookUpdateSchema.safeParse(body);
      if (!parsed.success) {
        log.warn('telegram: webhook body is not an update', { error: parsed.error.message });
        return { status: 400 };
      }
      try {
        return { status: (await deliver([body as Update])) ? 200 : 503 };
      } catch (error) {
        // Telegram calls again later with the same update.
        log.error('telegram: could not hand a webhook update to the runtime', { error: String(error) });
        return { status: 500 };
      }
    },
  };
};
