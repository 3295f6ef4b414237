import { Composer } from '../../engine/composer.js';
import type { PlayContext } from '../../engine/context.js';
import { definePlay, type PlayDefinition } from '../../engine/play.js';
import type { StoredEvent } from '../../events/index.js';
import { renderTemplate } from '../../i18n/index.js';
import { reportViolation } from '../shared/moderation.js';
import { BannedWords } from './banned-words.js';
import { type AntiSpamConfig, type AntiSpamShared, antiSpamConfigSchema, antiSpamSharedSchema } from './config.js';
import { detectContacts } from './contacts.js';
import { detectCrossGroup, type Sightings, textKey } from './cross-group.js';
import { detectFlood, type FloodWindow } from './flood.js';
import { type Hit, hit } from './hit.js';
import { findLinkHosts, isAllowedHost } from './links.js';
import { detectNewcomer, isForwarded } from './newcomer.js';
import { MAX_INSPECTED, normalise } from './normalise.js';
import { detectPhones } from './phones.js';
import { defaultAlertTemplates, listReasons } from './texts.js';

/** A learned spam classifier: the play only asks it; another module trains and loads it. */
export type SpamClassifier = (text: string) => { spam: boolean; score: number };

/** What the play leaves in `ctx.notes` for later plays of the same event (auto-reply may skip spam). */
export type AntiSpamNote = { hits: Hit[]; action: 'delete' | 'alert' };
export const ANTI_SPAM_NOTE = 'anti-spam';

type Ctx = PlayContext<AntiSpamConfig>;
type Options = { classifier?: SpamClassifier };

/** The most a combined detail (all hits) may be, in the violation and the action payload. */
const MAX_SUMMARY = 300;

/**
 * Run every enabled detector over one message, in a fixed order: banned words, contact details,
 * phone numbers, links, cross-group copies, floods, newcomer limits, then the classifier (only
 * when nothing else hit). Memory for floods and cross-group copies is updated on every message.
 */
const detect = async (
  ctx: Ctx,
  event: StoredEvent,
  banned: BannedWords,
  shared: AntiSpamShared,
  joinedAt: Date | null,
  classifier: SpamClassifier | undefined,
): Promise<Hit[]> => {
  const { config } = ctx;
  const raw = event.payload.text ?? '';
  const n = normalise(raw);
  const hits: Hit[] = [];
  if (config.bannedWords.enabled) hits.push(...banned.detect(n));
  if (config.contacts.enabled) hits.push(...detectContacts(n, { solicitation: config.contacts.solicitation }));
  if (config.phones.enabled) hits.push(...detectPhones(n));
  const hosts = [...new Set(findLinkHosts(n).filter((h) => !isAllowedHost(h, shared.allowedDomains)))];
  if (config.links.enabled) hits.push(...hosts.map((h) => hit('link', h)));
  const now = ctx.now.getTime();
  if (config.crossGroup.enabled && n.compact.length >= config.crossGroup.minLength) {
    const key = `xg:${textKey(n.compact)}`;
    const seen = (await ctx.memory.get<Sightings>(key)) ?? [];
    const result = detectCrossGroup(seen, ctx.group.id, now, config.crossGroup);
    await ctx.memory.set(key, result.seen, config.crossGroup.seconds);
    hits.push(...result.hits);
  }
  if (config.flood.enabled) {
    const key = `flood:${ctx.group.id}:${event.memberId}`;
    const window = (await ctx.memory.get<FloodWindow>(key)) ?? [];
    const result = detectFlood(window, now, config.flood);
    await ctx.memory.set(key, result.window, config.flood.seconds);
    hits.push(...result.hits);
  }
  if (config.newcomer.enabled) {
    const forwarded = isForwarded(event.payload.extra);
    hits.push(...detectNewcomer({ joinedAt, now: ctx.now, linkHosts: hosts, forwarded }, config.newcomer));
  }
  if (classifier && config.classifier.enabled && hits.length === 0 && raw.trim().length > 0) {
    const verdict = classifier(raw.slice(0, MAX_INSPECTED));
    if (verdict.spam && Number.isFinite(verdict.score) && verdict.score >= config.classifier.minScore) {
      hits.push(hit('classifier', `score ${verdict.score.toFixed(3)}`));
    }
  }
  return hits;
};

const summarise = (hits: readonly Hit[]): string => {
  const text = hits.map((h) => `${h.reason}: ${h.detail}`).join('; ');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
};

/**
 * Build the anti-spam play. With a `classifier`, messages no rule catches are scored by it; without
 * one, only the rule detectors run (that is `antiSpamPlay`, registered by default).
 */
export const createAntiSpamPlay = (options: Options = {}): PlayDefinition<AntiSpamConfig, AntiSpamShared> =>
  definePlay<AntiSpamConfig, AntiSpamShared>({
    name: 'anti-spam',
    title: { 'zh-CN': '防广告', en: 'Anti-spam' },
    description: {
      'zh-CN':
        '识别链接、手机号、微信号/QQ 号与引流话术、违禁词、刷屏、跨群重复消息与新人发链接/转发，删除消息（无法删除的平台改为提醒管家），并记入违规。',
      en: 'Catches links, phone numbers, WeChat/QQ contacts and solicitation, banned words, floods, the same text across groups, and links or forwards from newcomers; deletes the message (or alerts stewards where the platform cannot) and records a violation.',
    },
    configSchema: antiSpamConfigSchema,
    sharedSchema: antiSpamSharedSchema,
    create: (_config, shared) => {
      const banned = new BannedWords(shared.bannedWords);
      return new Composer<Ctx>()
        .on('message', async (ctx, next) => {
          if (ctx.trigger.kind !== 'event') return next();
          const { event } = ctx.trigger;
          // One look at the member serves both the exemption (as isExempt decides it) and the newcomer limit.
          const member = await ctx.member();
          if (member.roles.some((r) => ctx.config.exemptRoles.includes(r))) return next();
          const hits = await detect(ctx, event, banned, shared, member.joinedAt, options.classifier);
          const first = hits[0];
          if (first === undefined) return next();
          const detail = summarise(hits);
          const reasons = [...new Set(hits.map((h) => h.reason))];
          const canDelete = ctx.config.action === 'delete' && ctx.capabilities.delete;
          const action = canDelete ? 'delete' : 'alert';
          ctx.notes[ANTI_SPAM_NOTE] = { hits, action } satisfies AntiSpamNote;
          reportViolation(ctx, { reason: first.reason, detail, eventId: event.id, memberId: event.memberId });
          // deleteOrAlert's choice, made here so that both payloads carry `detail` for backtest samples.
          if (canDelete) {
            await ctx.act('delete', { eventId: event.id, reason: first.reason, reasons, detail });
          } else {
            const language = ctx.community.language;
            const template = ctx.config.alertTemplate.trim() || defaultAlertTemplates[language];
            const text = renderTemplate(template, {
              name: event.payload.name ?? member.displayName,
              group: ctx.group.name,
              reasons: listReasons(language, reasons),
              detail: first.detail,
            });
            await ctx.act('alert', {
              text,
              reason: first.reason,
              reasons,
              detail,
              memberId: event.memberId,
              eventId: event.id,
            });
          }
          await next();
        })
        .middleware();
    },
  });

/** The play without a classifier: rule detectors only. */
export const antiSpamPlay = createAntiSpamPlay();
