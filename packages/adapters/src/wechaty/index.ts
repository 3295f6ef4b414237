import {
  type ChatConnection,
  type DeliveryResult,
  type DiscoveredGroup,
  type EventInput,
  type InboundSink,
  QunzhuError,
  type RateLimits,
} from '@qunzhu/core';
import type { Contact, Message, PuppetModuleName, Room, Wechaty } from 'wechaty';
// The enums alone: importing 'wechaty' takes seconds, and every command loads this package.
import { ScanStatus } from 'wechaty-puppet/types';
import { z } from 'zod';
import { type PuppetAbilities, puppetAbilities, WECHATY_DEFAULT_LIMITS, wechatyCapabilities } from './capabilities.js';
import { discoveredGroup, joinEvents, leaveEvents, messageEvent, topicEvent, WECHAT_PLATFORM } from './inbound.js';
import { executeWechatyAction, refusalOf } from './outbound.js';

export {
  PUPPET_ABILITIES,
  type PuppetAbilities,
  puppetAbilities,
  WECHATY_DEFAULT_LIMITS,
  wechatyCapabilities,
} from './capabilities.js';
export { messageIdOf, messageSourceId, WECHAT_PLATFORM, WECHATY_SOURCE } from './inbound.js';

/** The server's logger fits: lines with fields. */
export type WechatyLog = {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

export type WechatyConnectionOptions = {
  /** The puppet's npm name (`WECHATY_PUPPET`): wechaty-puppet-service, wechaty-puppet-wechat4u, … */
  puppet: string;
  /** `WECHATY_PUPPET_SERVICE_TOKEN`, for puppets behind a token (wechaty-puppet-service). */
  puppetToken?: string;
  /**
   * Where Wechaty keeps the login session so a restart needs no new scan: a path, written as
   * `<name>.memory-card.json` (relative paths are taken from the working directory). Omitted: no
   * session is kept.
   */
  name?: string;
  /** Over the conservative defaults (WECHATY_DEFAULT_LIMITS); see docs/wechat.md before raising them. */
  limits?: Partial<RateLimits>;
  /** Where the per-puppet table (PUPPET_ABILITIES) is wrong for your puppet or provider. */
  abilities?: Partial<PuppetAbilities>;
  /** A Wechaty built by the caller (tests build one on wechaty-puppet-mock); `puppet` then only names it. */
  wechaty?: Wechaty;
  log?: WechatyLog;
  /** How long `start` waits for a login or a QR code before it returns anyway (the login may still follow). */
  startTimeoutMs?: number;
  /** The wall clock, for the quiet time after login. */
  now?: () => number;
};

export type WechatyConnection = ChatConnection & {
  /** What the puppet can do beyond reading and saying (announce has no capability of its own). */
  readonly abilities: PuppetAbilities;
};

const limitsSchema = z
  .object({
    perChatIntervalMs: z.number().int().nonnegative(),
    perGroupPerMinute: z.number().positive(),
    globalPerSecond: z.number().positive(),
    jitterMs: z.number().int().nonnegative(),
    dailyBudget: z.number().int().nonnegative(),
    quietAfterLoginMs: z.number().int().nonnegative(),
  })
  .partial()
  .strict();

const optionsSchema = z.object({
  puppet: z
    .string()
    .regex(/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/, 'an npm package name, e.g. wechaty-puppet-service'),
  puppetToken: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  limits: limitsSchema.optional(),
  abilities: z.object({ remove: z.boolean(), announce: z.boolean() }).partial().strict().optional(),
  startTimeoutMs: z.number().int().positive().optional(),
});

/** Options as given by the server (from env) or a test; a bad one is named with the reason. */
const checkOptions = (options: WechatyConnectionOptions) => {
  const { wechaty: _w, log: _l, now: _n, ...plain } = options;
  const parsed = optionsSchema.safeParse(plain);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; ');
  throw new QunzhuError('bad_input', `WeChat (Wechaty) connection options: ${problems}`, {
    details: parsed.error.issues,
  });
};

const errorsHeard = new WeakSet<Wechaty>();
const silent: WechatyLog = { info: () => {}, warn: () => {}, error: () => {} };
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A WeChat account through Wechaty, for one community: group messages, joins (with the inviter),
 * leaves and renames in; say, announce and remove out where the puppet can; everything else refused
 * plainly. Outgoing pace is the outbox's, from `limits`; the adapter only adds a backstop for the
 * quiet time after login.
 */
export const createWechatyConnection = (options: WechatyConnectionOptions): WechatyConnection => {
  const checked = checkOptions(options);
  const log = options.log ?? silent;
  const now = options.now ?? Date.now;
  const abilities = puppetAbilities(checked.puppet, options.abilities ?? {});
  const limits: RateLimits = { ...WECHATY_DEFAULT_LIMITS, ...(options.limits ?? {}) };
  const startTimeoutMs = checked.startTimeoutMs ?? 30_000;

  let bot: Wechaty | null = options.wechaty ?? null;
  let sink: InboundSink | null = null;
  let running = false;
  let loggedInAt: number | null = null;
  let detach: (() => void) | null = null;
  // Inbound work runs one update at a time, so events reach the sink in the order WeChat sent them.
  let chain: Promise<void> = Promise.resolve();

  const selfId = (w: Wechaty): string => (w.isLoggedIn ? w.currentUser.id : '');

  const discover = async (w: Wechaty): Promise<DiscoveredGroup[]> => {
    if (!w.isLoggedIn) return [];
    const rooms = await w.Room.findAll();
    return rooms.map(discoveredGroup);
  };

  /** Queue work for the current sink; nothing reaches a sink after stop, even work already queued. */
  const enqueue = (what: string, work: (s: InboundSink, live: () => boolean) => Promise<void>) => {
    const s = sink;
    if (!s) return;
    chain = chain.then(async () => {
      const live = () => sink === s;
      if (!live()) return;
      try {
        await work(s, live);
      } catch (error) {
        log.warn(`wechaty: ${what} not delivered`, { error: messageOf(error) });
      }
    });
  };
  const deliver = async (s: InboundSink, live: () => boolean, events: readonly EventInput[]) => {
    if (events.length > 0 && live()) await s.events(events);
  };

  const attach = (w: Wechaty, settle: () => void) => {
    const announceGroups = (what: string) =>
      enqueue(what, async (s, live) => {
        for (const group of await discover(w)) if (live()) await s.groupFound(group);
      });
    const onScan = (qrcode: string, status: ScanStatus) => {
      if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
        // The QR code's content is the login URL; the console draws it for the operator to scan.
        sink?.state({ status: 'connecting', at: new Date(now()), detail: qrcode });
        settle();
      } else if (status === ScanStatus.Scanned) {
        sink?.state({
          status: 'connecting',
          at: new Date(now()),
          detail: '已扫码，请在手机微信上确认登录 / scanned: confirm the login in WeChat on the phone',
        });
      }
    };
    const onLogin = (user: Contact) => {
      loggedInAt = now();
      sink?.state({
        status: 'connected',
        at: new Date(loggedInAt),
        account: { platformUserId: user.id, displayName: user.name() || user.id },
      });
      log.info('wechaty: logged in', { account: user.id });
      announceGroups('groups at login');
      settle();
    };
    // Puppets that sync contacts and groups after login say 'ready' when done: look again then.
    const onReady = () => announceGroups('groups when ready');
    const onLogout = (user: Contact, reason?: string) => {
      loggedInAt = null;
      sink?.state({
        status: 'disconnected',
        at: new Date(now()),
        detail: `微信账号 ${user.name() || user.id} 已退出登录，需要重新扫码 / the WeChat account logged out and must scan again${reason ? ` (${reason})` : ''}`,
      });
      log.warn('wechaty: logged out', { account: user.id, ...(reason ? { reason } : {}) });
    };
    const onMessage = (message: Message) =>
      enqueue('message', async (s, live) => {
        const event = await messageEvent(message);
        if (event) await deliver(s, live, [event]);
      });
    const onJoin = (room: Room, invitees: Contact[], inviter: Contact, date?: Date) =>
      enqueue('room-join', async (s, live) => {
        const me = selfId(w);
        if (invitees.some((c) => c.id === me)) {
          await room.sync().catch(() => {});
          if (live()) await s.groupFound(discoveredGroup(room));
        }
        await deliver(s, live, joinEvents(room, invitees, inviter, date, me));
      });
    const onLeave = (room: Room, leavers: Contact[], remover?: Contact, date?: Date) =>
      enqueue('room-leave', async (s, live) => {
        const me = selfId(w);
        await deliver(s, live, leaveEvents(room, leavers, remover, date, me));
        if (leavers.some((c) => c.id === me) && live()) await s.groupLost(room.id);
      });
    const onTopic = (room: Room, topic: string, previous: string, changer: Contact, date?: Date) =>
      enqueue('room-topic', async (s, live) => {
        await deliver(s, live, [topicEvent(room, topic, previous, changer, date)]);
        if (live()) await s.groupFound({ ...discoveredGroup(room), name: topic });
      });

    w.on('scan', onScan);
    w.on('login', onLogin);
    w.on('logout', onLogout);
    w.on('ready', onReady);
    w.on('message', onMessage);
    w.on('room-join', onJoin);
    w.on('room-leave', onLeave);
    w.on('room-topic', onTopic);
    if (!errorsHeard.has(w)) {
      // Kept for the Wechaty's life: an 'error' with no listener would throw, even after stop.
      errorsHeard.add(w);
      w.on('error', (error) => log.warn('wechaty: error', { error: messageOf(error) }));
    }
    return () => {
      w.off('scan', onScan);
      w.off('login', onLogin);
      w.off('logout', onLogout);
      w.off('ready', onReady);
      w.off('message', onMessage);
      w.off('room-join', onJoin);
      w.off('room-leave', onLeave);
      w.off('room-topic', onTopic);
    };
  };

  return {
    platform: WECHAT_PLATFORM,
    capabilities: wechatyCapabilities(abilities),
    abilities,
    limits,

    async start(s) {
      if (running) throw new QunzhuError('conflict', 'this WeChat connection is already started');
      running = true;
      sink = s;
      s.state({ status: 'connecting', at: new Date(now()) });
      const w =
        bot ??
        // Loaded on first start: Wechaty and its puppets take seconds to import.
        (await import('wechaty')).WechatyBuilder.build({
          // Wechaty types only its official puppet names but imports any installed puppet by name.
          puppet: checked.puppet as PuppetModuleName,
          puppetOptions: checked.puppetToken ? { token: checked.puppetToken } : {},
          ...(checked.name ? { name: checked.name } : {}),
        });
      bot = w;
      let settle = () => {};
      const settled = new Promise<void>((resolve) => {
        settle = resolve;
      });
      detach = attach(w, () => settle());
      try {
        await w.start();
      } catch (error) {
        const detail = `微信连接启动失败：${messageOf(error)}（puppet ${checked.puppet} 是否已安装、token 是否正确？） / WeChat failed to start: ${messageOf(error)} (is the puppet ${checked.puppet} installed, is the token right?)`;
        log.error('wechaty: start failed', { puppet: checked.puppet, error: messageOf(error) });
        s.state({ status: 'failed', at: new Date(now()), detail });
        return;
      }
      if (w.isLoggedIn) settle();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        settled,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, startTimeoutMs);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
    },

    async stop() {
      if (!running) return;
      running = false;
      sink?.state({ status: 'disconnected', at: new Date(now()) });
      sink = null;
      loggedInAt = null;
      detach?.();
      detach = null;
      await chain;
      try {
        await bot?.stop();
      } catch (error) {
        log.warn('wechaty: stop failed', { error: messageOf(error) });
      }
    },

    async discoverGroups() {
      return bot ? discover(bot) : [];
    },

    async execute(action, target): Promise<DeliveryResult> {
      const refusal = refusalOf(action, target, abilities);
      if (refusal) return refusal;
      if (!bot?.isLoggedIn || loggedInAt === null) {
        return { ok: false, error: '微信账号未登录 / the WeChat account is not logged in', retryAfterMs: 60_000 };
      }
      const quietLeft = loggedInAt + (limits.quietAfterLoginMs ?? 0) - now();
      if (quietLeft > 0) {
        return {
          ok: false,
          error: '刚登录，先安静一会儿再发 / just logged in: quiet for a while before sending',
          retryAfterMs: quietLeft,
        };
      }
      return executeWechatyAction(bot, action, target, abilities);
    },
  };
};
