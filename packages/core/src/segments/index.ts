import { z } from 'zod';
import { ACTIVITY_LAYERS, LOYALTY_LAYERS } from '../analytics/types.js';
import { GROUP_TYPES, type Language } from '../communities/index.js';
import { renderTemplate } from '../i18n/index.js';

const tag = z.string().trim().min(1).max(40);
const tags = z.array(tag).max(50);
const day = z.iso.date();

/**
 * Which members: the one filter shape of the members list and of saved segments (分群). Every field
 * is optional; a member must satisfy all given fields. Days (`joinedFrom`…) are local days in the
 * community's time zone, inclusive.
 */
export const memberFilterSchema = z
  .object({
    /** Part of a name, a platform user id, or a member id. */
    q: z.string().trim().max(200).optional(),
    /** Activity layers (用户分层) over the last 30 days; members who left every group have none. */
    layers: z.array(z.enum(ACTIVITY_LAYERS)).max(ACTIVITY_LAYERS.length).optional(),
    /** Loyalty layers (tenure, recency, frequency, contribution) as the report computes them. */
    loyaltyLayers: z.array(z.enum(LOYALTY_LAYERS)).max(LOYALTY_LAYERS.length).optional(),
    /** Carries at least one of these tags. */
    tagsAny: tags.optional(),
    /** Carries every one of these tags. */
    tagsAll: tags.optional(),
    /** Carries none of these tags. */
    tagsNone: tags.optional(),
    /** At least `minMessages` messages in the last `days` local days (today included). */
    activity: z
      .object({
        days: z.number().int().min(1).max(3660),
        minMessages: z.number().int().min(0).max(10_000_000),
      })
      .optional(),
    /** Last seen (any event) before / on or after this local day. */
    lastActiveBefore: day.optional(),
    lastActiveFrom: day.optional(),
    /** Points balance range, inclusive. */
    pointsMin: z.number().int().optional(),
    pointsMax: z.number().int().optional(),
    /** First seen in the community between these local days, inclusive. */
    joinedFrom: day.optional(),
    joinedTo: day.optional(),
    /** Currently in at least one of these groups. */
    groupIds: z.array(z.number().int().positive()).max(500).optional(),
    /** Currently in a group of one of these types (引流/转化/粉丝…)… */
    groupTypes: z.array(z.enum(GROUP_TYPES)).max(GROUP_TYPES.length).optional(),
    /** …and/or on one of these platforms. */
    platforms: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.pointsMin !== undefined && f.pointsMax !== undefined && f.pointsMin > f.pointsMax)
      ctx.addIssue({ code: 'custom', path: ['pointsMax'], message: 'pointsMax is below pointsMin' });
    if (f.joinedFrom && f.joinedTo && f.joinedFrom > f.joinedTo)
      ctx.addIssue({ code: 'custom', path: ['joinedTo'], message: 'joinedTo is before joinedFrom' });
  });
export type MemberFilter = z.infer<typeof memberFilterSchema>;

/** Drop empty lists and blank text, so two filters that select the same members are stored alike. */
export const normaliseMemberFilter = (f: MemberFilter): MemberFilter =>
  Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as MemberFilter;

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(500).default(''),
  filter: memberFilterSchema.default({}),
});
export type SegmentInput = z.infer<typeof segmentInputSchema>;

export const defaultPondTemplates: Record<Language, string> = {
  'zh-CN': '{mentions} 你们好！我们建了一个「{group}」交流群，觉得你们会感兴趣，欢迎加入：{link}',
  en: '{mentions} hi! We started a group, “{group}”, we think you would enjoy. You are welcome to join: {link}',
};

/** Posts of a pond invitation: members split into batches of `perMessage` mentions, each one message. */
export const pondInvitationPosts = (input: {
  language: Language;
  template: string;
  groupName: string;
  link: string;
  members: readonly { memberId: number; displayName: string }[];
  perMessage: number;
}): { text: string; mentionMemberIds: number[] }[] => {
  const template = input.template.trim() || defaultPondTemplates[input.language];
  const size = Math.max(1, Math.floor(input.perMessage));
  const posts: { text: string; mentionMemberIds: number[] }[] = [];
  for (let i = 0; i < input.members.length; i += size) {
    const batch = input.members.slice(i, i + size);
    posts.push({
      text: renderTemplate(template, {
        mentions: batch.map((m) => `@${m.displayName}`).join(' '),
        group: input.groupName,
        link: input.link,
      }),
      mentionMemberIds: batch.map((m) => m.memberId),
    });
  }
  return posts;
};
