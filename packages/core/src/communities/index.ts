export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

export type Community = {
  id: number;
  name: string;
  /** IANA zone in which days, weeks and quiet hours are read. */
  timezone: string;
  /** Language of chat replies and the default for the console. */
  language: Language;
  createdAt: Date;
};

export const GROUP_TYPES = ['lead', 'conversion', 'fan', 'flash', 'repurchase', 'other'] as const;
/** A group's place in the community's funnel (社群矩阵): 引流/转化/粉丝/快闪/复购群. */
export type GroupType = (typeof GROUP_TYPES)[number];

export type Group = {
  id: number;
  communityId: number;
  platform: string;
  /** The platform's own id for the chat (Telegram chat id, WeChat room id, IRC channel…). */
  platformGroupId: string;
  name: string;
  type: GroupType;
  /** Most members the platform (or the operator) allows; null when unbounded. */
  capacity: number | null;
  createdAt: Date;
};

export type Member = {
  id: number;
  communityId: number;
  displayName: string;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
};

export type Identity = {
  communityId: number;
  memberId: number;
  platform: string;
  platformUserId: string;
  displayName: string;
};

export const ROLES = ['owner', 'admin', 'steward', 'viewer'] as const;
/** A console user's role in one community, strongest first. */
export type Role = (typeof ROLES)[number];

/** True when `held` is at least as strong as `needed`. */
export const roleAtLeast = (held: Role, needed: Role): boolean => ROLES.indexOf(held) <= ROLES.indexOf(needed);
