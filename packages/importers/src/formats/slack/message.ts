import type { ActorRef, EventInput, EventType, JsonObject } from '@qunzhu/core';
import { z } from 'zod';
import { type Outcome, parseObject } from '../../shared/outcome.js';
import { clean } from '../../shared/source.js';
import { plausibleTime } from '../../shared/time.js';

const PLATFORM = 'slack';

/** Subtypes that are someone saying something; no subtype at all is a plain message. */
const SAYING = new Set(['bot_message', 'thread_broadcast', 'reply_broadcast', 'file_share', 'me_message']);
const JOINING = new Set(['channel_join', 'group_join']);
const LEAVING = new Set(['channel_leave', 'group_leave']);

const ts = z
  .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a string') })
  .regex(/^\d{1,12}(\.\d{1,9})?$/, 'must be a Slack timestamp such as "1709542805.000100"');
// What only decorates a message never costs the message: a field in an odd shape is dropped.
const decoration = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const words = decoration(z.string());

const slackMessage = z
  .object({
    type: z.literal('message', '"type" must be "message"'),
    subtype: z.string().optional(),
    ts,
    user: z.string().min(1).optional(),
    bot_id: z.string().min(1).optional(),
    username: words,
    text: words,
    thread_ts: ts.optional(),
    reply_count: decoration(z.number().int().nonnegative()),
    inviter: decoration(z.string().min(1)),
    user_profile: decoration(z.object({ display_name: words, real_name: words, name: words })),
    bot_profile: decoration(z.object({ name: words })),
    files: decoration(
      z.array(z.object({ id: words, name: words, title: words, mimetype: words, size: decoration(z.number()) })),
    ),
    attachments: decoration(z.array(z.object({ title: words, fallback: words, title_link: words, from_url: words }))),
    reactions: decoration(
      z.array(
        z.object({ name: z.string(), count: decoration(z.number().int()), users: decoration(z.array(z.string())) }),
      ),
    ),
    edited: decoration(z.object({ user: words, ts: words })),
    topic: words,
    purpose: words,
    name: words,
    old_name: words,
  })
  .loose();
type SlackMessage = z.infer<typeof slackMessage>;

/** Where a message goes: its group, and the prefix that keeps ids unique when channels are merged. */
export type Destination = {
  group: { platform: string; platformGroupId: string; name: string };
  idPrefix: string;
};

/** `1709542805.000100` → the instant, to the millisecond (Slack times are UTC seconds). */
export const slackTime = (value: string): Date => {
  const [seconds = '0', fraction = ''] = value.split('.');
  return new Date(Number(seconds) * 1000 + Number(`${fraction}000`.slice(0, 3)));
};

/** Only the fields that are there, NULs cleaned: `extra` must be JSON without `undefined`. */
const defined = (fields: Record<string, string | number | string[] | undefined>): JsonObject => {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? clean(value) : Array.isArray(value) ? value.map(clean) : value;
  }
  return out;
};

const profileName = (m: SlackMessage): string | undefined => {
  const p = m.user_profile;
  return [p?.display_name, p?.real_name, p?.name].find((n) => n !== undefined && n.trim() !== '');
};

const actorOf = (m: SlackMessage, names: ReadonlyMap<string, string>): ActorRef | null => {
  if (m.user) {
    const displayName =
      names.get(m.user) ?? profileName(m) ?? (m.bot_id ? (m.username ?? m.bot_profile?.name) : undefined);
    return {
      platform: PLATFORM,
      platformUserId: clean(m.user),
      ...(displayName ? { displayName: clean(displayName) } : {}),
    };
  }
  if (m.bot_id) {
    // Webhooks and legacy integrations post with a bot id and a chosen name, but no user.
    const displayName = m.username ?? m.bot_profile?.name;
    return {
      platform: PLATFORM,
      platformUserId: `bot:${clean(m.bot_id)}`,
      ...(displayName ? { displayName: clean(displayName) } : {}),
    };
  }
  return null;
};

const named = (id: string, names: ReadonlyMap<string, string>): { displayName?: string } => {
  const name = names.get(id);
  return name ? { displayName: name } : {};
};

const typeOf = (subtype: string | undefined): EventType => {
  if (subtype === undefined || SAYING.has(subtype)) return 'message';
  if (JOINING.has(subtype)) return 'join';
  if (LEAVING.has(subtype)) return 'leave';
  return 'service';
};

const extraOf = (m: SlackMessage, type: EventType): JsonObject => {
  const extra: JsonObject =
    type === 'service'
      ? { action: clean(m.subtype ?? 'unknown') }
      : m.subtype && type === 'message'
        ? { subtype: clean(m.subtype) }
        : {};
  if (type === 'service') {
    Object.assign(extra, defined({ topic: m.topic, purpose: m.purpose, name: m.name, oldName: m.old_name }));
  }
  if (m.bot_id) extra.botId = clean(m.bot_id);
  if (m.reply_count !== undefined && m.thread_ts === m.ts) extra.replyCount = m.reply_count;
  if (m.files?.length) {
    extra.files = m.files.map((f) =>
      defined({ id: f.id, name: f.name, title: f.title, mimetype: f.mimetype, size: f.size }),
    );
  }
  if (m.attachments?.length) {
    extra.attachments = m.attachments.map((a) =>
      defined({ title: a.title, fallback: a.fallback, url: a.title_link ?? a.from_url }),
    );
  }
  if (m.reactions?.length) {
    extra.reactions = m.reactions.map((r) =>
      defined({ name: r.name, count: r.count ?? r.users?.length, users: r.users }),
    );
  }
  if (m.edited?.ts && /^\d+(\.\d+)?$/.test(m.edited.ts)) {
    const at = slackTime(m.edited.ts);
    if (plausibleTime(at)) extra.editedAt = at.toISOString();
  }
  return extra;
};

/** One element of a day file as an event, or why it cannot be one. */
export const slackMessageToEvent = (raw: unknown, names: ReadonlyMap<string, string>, to: Destination): Outcome => {
  const parsed = parseObject(raw, slackMessage, 'each message must be a JSON object');
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const at = slackTime(m.ts);
  if (!plausibleTime(at)) return { ok: false, reason: `ts: "${m.ts}" is not a time between 1970 and 2100` };
  const actor = actorOf(m, names);
  if (!actor) return { ok: false, reason: 'has neither "user" nor "bot_id": cannot tell who it is from' };
  const type = typeOf(m.subtype);
  const inviter =
    type === 'join' && m.inviter
      ? { platform: PLATFORM, platformUserId: clean(m.inviter), ...named(m.inviter, names) }
      : null;
  const extra = extraOf(m, type);
  // Join and leave texts are Slack's own "<@U…> has joined the channel": the event says it already.
  const text = type === 'join' || type === 'leave' ? undefined : clean(m.text ?? '');
  const event: EventInput = {
    type,
    source: `${to.group.platform}:${to.group.platformGroupId}`,
    sourceId: `${to.idPrefix}${m.ts}`,
    group: to.group,
    actor,
    at,
    ...(text === undefined || (type === 'service' && text === '') ? {} : { text }),
    ...(m.thread_ts && m.thread_ts !== m.ts ? { replyTo: `${to.idPrefix}${m.thread_ts}` } : {}),
    ...(inviter ? { inviter } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  return { ok: true, event };
};
