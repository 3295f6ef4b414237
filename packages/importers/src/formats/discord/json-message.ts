import type { ActorRef, EventInput, Json, JsonObject } from '@qunzhu/core';
import { z } from 'zod';
import { type Outcome, parseObject } from '../../shared/outcome.js';
import { clean } from '../../shared/source.js';
import { parseLocalOrIso } from '../../shared/time.js';

export const PLATFORM = 'discord';

const id = z.union([z.string().trim().min(1), z.number()]).transform(String);
const text = z.string().nullish();

const userSchema = z.object({
  id,
  name: text,
  discriminator: text,
  nickname: text,
  isBot: z.boolean().nullish(),
});
type User = z.infer<typeof userSchema>;

export const guildSchema = z.object({ id: id.nullish(), name: text });
export const channelSchema = z.object({ id, type: text, category: text, name: text });

/** One message of a DiscordChatExporter JSON export (JsonMessageWriter); unknown fields are ignored. */
export const messageSchema = z.object({
  id,
  type: z.string().default('Default'),
  timestamp: z.string(),
  timestampEdited: text,
  isPinned: z.boolean().nullish(),
  content: text,
  author: userSchema,
  attachments: z.array(z.object({ url: text, fileName: text, fileSizeBytes: z.coerce.number().nullish() })).nullish(),
  embeds: z.array(z.unknown()).nullish(),
  stickers: z.array(z.object({ name: text })).nullish(),
  reactions: z
    .array(z.object({ emoji: z.object({ name: text }).nullish(), count: z.coerce.number().nullish() }))
    .nullish(),
  mentions: z.array(userSchema).nullish(),
  reference: z.object({ messageId: text, channelId: text, guildId: text }).nullish(),
});
type Message = z.infer<typeof messageSchema>;

export type Group = EventInput['group'];

// Versions that did not know a message kind wrote its number (MessageKind.ToString()).
const KIND_NUMBERS: Record<string, string> = {
  '0': 'Default',
  '1': 'RecipientAdd',
  '2': 'RecipientRemove',
  '3': 'Call',
  '4': 'ChannelNameChange',
  '5': 'ChannelIconChange',
  '6': 'ChannelPinnedMessage',
  '7': 'GuildMemberJoin',
  '18': 'ThreadCreated',
  '19': 'Reply',
};

const actorOf = (user: User): ActorRef => {
  const displayName = clean(user.nickname || user.name || '').trim();
  return { platform: PLATFORM, platformUserId: clean(user.id), ...(displayName ? { displayName } : {}) };
};

const compact = (object: Record<string, Json | undefined | null>): JsonObject =>
  Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== null && v !== '')) as JsonObject;

const messageExtra = (m: Message, tz: string): JsonObject => {
  const edited = m.timestampEdited ? parseLocalOrIso(m.timestampEdited, tz) : null;
  const extra: JsonObject = compact({
    pinned: m.isPinned ? true : undefined,
    editedAt: edited?.toISOString(),
    bot: m.author.isBot ? true : undefined,
  });
  if (m.attachments?.length) {
    extra.attachments = m.attachments.map((a) =>
      compact({
        fileName: a.fileName && clean(a.fileName),
        url: a.url && clean(a.url),
        fileSizeBytes: a.fileSizeBytes,
      }),
    );
  }
  if (m.stickers?.length) extra.stickers = m.stickers.map((s) => clean(s.name ?? ''));
  if (m.embeds?.length) extra.embeds = m.embeds.length;
  if (m.reactions?.length) {
    extra.reactions = m.reactions.map((r) => compact({ emoji: clean(r.emoji?.name ?? ''), count: r.count }));
  }
  return extra;
};

/**
 * One export message as an event. `GuildMemberJoin` is a join; `RecipientAdd` (a DM group or thread)
 * is the join of the user it mentions, invited by its author; `RecipientRemove` is the leave of the
 * user it mentions (removed by the author when that is someone else); `Default` and `Reply` are
 * messages; anything else is a service event.
 */
export const messageToEvent = (json: unknown, group: Group, tz: string): Outcome => {
  const parsed = parseObject(json, messageSchema, 'each message must be a JSON object');
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  const at = parseLocalOrIso(m.timestamp, tz);
  if (!at) return { ok: false, reason: `timestamp "${m.timestamp}" is not an ISO-8601 time between 1970 and 2100` };
  const kind = KIND_NUMBERS[m.type] ?? m.type;
  const content = clean(m.content ?? '');
  const author = actorOf(m.author);
  const base = { source: `${PLATFORM}:${group.platformGroupId}`, sourceId: clean(m.id), group, at };
  const mentioned = m.mentions?.[0];

  switch (kind) {
    case 'Default':
    case 'Reply': {
      const extra = messageExtra(m, tz);
      const replyTo = kind === 'Reply' ? m.reference?.messageId : undefined;
      return {
        ok: true,
        event: {
          ...base,
          type: 'message',
          actor: author,
          text: content,
          ...(replyTo ? { replyTo: clean(replyTo) } : {}),
          ...(Object.keys(extra).length > 0 ? { extra } : {}),
        },
      };
    }
    case 'GuildMemberJoin':
      return { ok: true, event: { ...base, type: 'join', actor: author } };
    case 'RecipientAdd':
      if (mentioned) {
        const joiner = actorOf(mentioned);
        const invited = joiner.platformUserId !== author.platformUserId;
        return { ok: true, event: { ...base, type: 'join', actor: joiner, ...(invited ? { inviter: author } : {}) } };
      }
      break;
    case 'RecipientRemove': {
      const leaver = mentioned ? actorOf(mentioned) : author;
      const removed = leaver.platformUserId !== author.platformUserId;
      return {
        ok: true,
        event: {
          ...base,
          type: 'leave',
          actor: leaver,
          ...(removed ? { extra: { removedBy: compact({ ...author }) } } : {}),
        },
      };
    }
  }
  // Pins, calls, renames, threads started, and a RecipientAdd that does not say who was added.
  const referenced = m.reference?.messageId;
  return {
    ok: true,
    event: {
      ...base,
      type: 'service',
      actor: author,
      ...(content ? { text: content } : {}),
      extra: compact({ action: clean(kind), messageId: referenced && clean(referenced) }),
    },
  };
};
