// Shared by the tests of the moderation plays: real fixtures (see fixtures/SOURCE.md), a small world
// of one community and its groups, and a stand-in detector that reports the fixture's spam.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Capabilities } from '../../actions/index.js';
import type { Community, Group, Language } from '../../communities/index.js';
import { Composer } from '../../engine/composer.js';
import { Engine, type GroupScope, type PlayFailure } from '../../engine/engine.js';
import { type AnyPlay, definePlay, type PlayConfig } from '../../engine/play.js';
import { PlayRegistry } from '../../engine/registry.js';
import { type MemberFactsReader, plainMemberFacts, RecordingPlayState } from '../../engine/state.js';
import type { EventPayload, EventType, StoredEvent } from '../../events/index.js';
import { blocklistPlay } from '../blocklist/index.js';
import { entryGatePlay } from '../entry-gate/index.js';
import { quietHoursPlay } from '../quiet-hours/index.js';
import { reportViolation } from '../shared/moderation.js';
import { welcomePlay } from '../welcome/index.js';
import { penaltyLadderPlay } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/** The spam-zh excerpt: 20 spam and 20 normal messages. */
export const spamZh = (() => {
  const spam: string[] = [];
  const normal: string[] = [];
  for (const line of fixture('spam-zh.csv').split('\n').slice(1)) {
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    (line.slice(0, comma) === '1' ? spam : normal).push(line.slice(comma + 1));
  }
  return { spam, normal };
})();

export type IrcLine = { kind: 'message' | 'join'; nick: string; minute: number; text: string };
/** The #ubuntu excerpt of 2005-02-06: messages with their minute of the day, and joins. */
export const ircUbuntu: IrcLine[] = (() => {
  const lines: IrcLine[] = [];
  let minute = 0;
  for (const raw of fixture('irc-ubuntu-2005-02-06.txt').split('\n')) {
    const msg = /^\[(\d\d):(\d\d)\] <([^>]+)> (.*)$/.exec(raw);
    if (msg) {
      minute = Number(msg[1]) * 60 + Number(msg[2]);
      lines.push({ kind: 'message', nick: msg[3] ?? '', minute, text: msg[4] ?? '' });
      continue;
    }
    const join = /^=== (\S+) .* has joined/.exec(raw);
    if (join) lines.push({ kind: 'join', nick: join[1] ?? '', minute, text: '' });
  }
  return lines;
})();

export const allCapabilities: Capabilities = {
  readMessages: true,
  send: true,
  delete: true,
  mute: true,
  remove: true,
  namedInviteLinks: true,
  joinRequests: true,
  pin: true,
};
/** Personal WeChat as DESIGN.md lists it: reads and sends, cannot delete, mute or remove. */
export const wechatCapabilities: Capabilities = {
  ...allCapabilities,
  delete: false,
  mute: false,
  remove: false,
  namedInviteLinks: false,
  joinRequests: false,
  pin: false,
};

/** A stand-in for anti-spam: reports the fixture's spam lines as `spam` violations. */
export const fixtureDetector = definePlay<Record<string, never>>({
  name: 'fixture-detector',
  title: { 'zh-CN': '测试检测', en: 'Test detector' },
  description: { 'zh-CN': '', en: '' },
  configSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  create: () =>
    new Composer<import('../../engine/context.js').PlayContext<Record<string, never>>>()
      .on('message', async (ctx, next) => {
        if (ctx.trigger.kind === 'event') {
          const { event } = ctx.trigger;
          if (spamZh.spam.includes(event.payload.text ?? '')) {
            reportViolation(ctx, { reason: 'spam', detail: 'fixture', eventId: event.id, memberId: event.memberId });
          }
        }
        await next();
      })
      .middleware(),
});

/** The moderation plays in their run order, with the stand-in detector where anti-spam goes. */
export const moderationRegistry = (): PlayRegistry =>
  new PlayRegistry([
    entryGatePlay,
    blocklistPlay,
    fixtureDetector,
    quietHoursPlay,
    penaltyLadderPlay,
    welcomePlay,
  ] as AnyPlay[]);

/** A payload as tests write it: fixture lookups may be undefined, and are then left out. */
export type LoosePayload = { [K in keyof EventPayload]?: EventPayload[K] | undefined };
const clean = (p: LoosePayload): EventPayload =>
  Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as EventPayload;

export type WorldOptions = {
  timezone?: string;
  language?: Language;
  capabilities?: Capabilities;
  plays: Record<string, unknown>;
  groups?: number;
};

/**
 * One community with groups 1…n, all with the same plays on; members known by name, roles and the
 * blocklist held here. `post` fires due timers first, then runs the event, as the runtime does.
 */
export class World {
  readonly community: Community;
  readonly registry = moderationRegistry();
  readonly failures: PlayFailure[] = [];
  readonly engine = new Engine(this.registry, (f) => this.failures.push(f));
  readonly roles = new Map<number, string[]>();
  readonly blocklist = new Set<number>();
  readonly names = new Map<number, string>();
  readonly state: RecordingPlayState;
  readonly scopes = new Map<number, GroupScope>();
  readonly events: StoredEvent[] = [];
  private nextId = 1;

  constructor(readonly options: WorldOptions) {
    this.community = {
      id: 1,
      name: '社群',
      timezone: options.timezone ?? 'Asia/Shanghai',
      language: options.language ?? 'zh-CN',
      createdAt: new Date(0),
    };
    this.state = new RecordingPlayState(this.facts);
    const plays: PlayConfig[] = [];
    for (let id = 1; id <= (options.groups ?? 1); id++) {
      for (const [play, config] of Object.entries(options.plays))
        plays.push({ groupId: id, play, enabled: true, config });
      const group: Group = {
        id,
        communityId: 1,
        platform: 'sandbox',
        platformGroupId: `g${id}`,
        name: `群${id}`,
        type: 'fan',
        capacity: null,
        createdAt: new Date(0),
      };
      this.scopes.set(id, {
        community: this.community,
        group,
        capabilities: options.capabilities ?? allCapabilities,
        plays: plays.filter((p) => p.groupId === id),
      });
    }
  }

  readonly facts: MemberFactsReader = async (_c, _g, memberId) => ({
    ...plainMemberFacts(memberId),
    displayName: this.names.get(memberId) ?? `#${memberId}`,
    roles: this.roles.get(memberId) ?? [],
    blocklisted: this.blocklist.has(memberId),
  });

  event(type: EventType, memberId: number, at: Date | string, payload: LoosePayload = {}, groupId = 1): StoredEvent {
    const id = this.nextId++;
    return {
      id,
      communityId: 1,
      groupId,
      memberId,
      type,
      source: 'test',
      sourceId: `s${id}`,
      at: new Date(at),
      payload: clean(payload),
    };
  }

  async fireTimers(until: Date): Promise<void> {
    for (;;) {
      const due = this.state.dueTimers(until)[0];
      if (!due) return;
      const scope = this.scopes.get(due.groupId);
      if (!scope) throw new Error(`timer for unknown group ${due.groupId}`);
      await this.engine.handleTimer(scope, due, this.state);
    }
  }

  async post(
    type: EventType,
    memberId: number,
    at: Date | string,
    payload: LoosePayload = {},
    groupId = 1,
  ): Promise<StoredEvent> {
    const event = this.event(type, memberId, at, payload, groupId);
    const scope = this.scopes.get(groupId);
    if (!scope) throw new Error(`no group ${groupId}`);
    await this.fireTimers(event.at);
    this.state.saw(event);
    await this.engine.handleEvent(scope, event, this.state);
    this.events.push(event);
    return event;
  }

  kinds(): string[] {
    return this.state.actions.map((a) => a.kind);
  }
}
