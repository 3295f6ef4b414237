import type { Messages } from './index.js';

/** Strings shared by the shell and several pages. Vocabulary as in DESIGN.md. */
export const common: Messages<
  | 'appName'
  | 'navSee'
  | 'navAct'
  | 'navSetUp'
  | 'overview'
  | 'groups'
  | 'members'
  | 'engagement'
  | 'campaigns'
  | 'liveCodes'
  | 'segments'
  | 'moderation'
  | 'import'
  | 'sandbox'
  | 'outbox'
  | 'settings'
  | 'logout'
  | 'community'
  | 'language'
  | 'loading'
  | 'retry'
  | 'loadFailed'
  | 'noCommunity'
  | 'sessionExpired'
  | 'roleOwner'
  | 'roleAdmin'
  | 'roleSteward'
  | 'roleViewer'
  | 'typeLead'
  | 'typeConversion'
  | 'typeFan'
  | 'typeFlash'
  | 'typeRepurchase'
  | 'typeOther'
  | 'stageSeed'
  | 'stageGrowth'
  | 'stageActive'
  | 'stageDecline'
  | 'stageDormant'
  | 'needsRole'
> = {
  'zh-CN': {
    appName: '群主',
    navSee: '数据',
    navAct: '运营',
    navSetUp: '配置',
    overview: '概览',
    groups: '群',
    engagement: '促活',
    campaigns: '裂变活动',
    liveCodes: '活码',
    segments: '分群',
    members: '成员',
    moderation: '秩序',
    import: '导入',
    sandbox: '沙盒',
    outbox: '发件箱',
    settings: '设置',
    logout: '退出登录',
    community: '社群',
    language: '语言',
    loading: '加载中…',
    retry: '重试',
    loadFailed: '加载失败：{message}',
    noCommunity: '你还没有任何社群的权限。请联系群主（所有者）把你加入社群。',
    sessionExpired: '登录已过期，请重新登录。',
    roleOwner: '群主',
    roleAdmin: '管理员',
    roleSteward: '管家',
    roleViewer: '观察者',
    typeLead: '引流群',
    typeConversion: '转化群',
    typeFan: '粉丝群',
    typeFlash: '快闪群',
    typeRepurchase: '复购群',
    typeOther: '其他',
    stageSeed: '萌芽',
    stageGrowth: '成长',
    stageActive: '活跃',
    stageDecline: '衰退',
    stageDormant: '沉寂',
    needsRole: '需要「{role}」或更高角色',
  },
  en: {
    appName: 'Qunzhu',
    navSee: 'Insight',
    navAct: 'Operations',
    navSetUp: 'Setup',
    overview: 'Overview',
    groups: 'Groups',
    engagement: 'Engagement',
    campaigns: 'Campaigns',
    liveCodes: 'Live codes',
    segments: 'Segments',
    members: 'Members',
    moderation: 'Moderation',
    import: 'Import',
    sandbox: 'Sandbox',
    outbox: 'Outbox',
    settings: 'Settings',
    logout: 'Log out',
    community: 'Community',
    language: 'Language',
    loading: 'Loading…',
    retry: 'Retry',
    loadFailed: 'Could not load: {message}',
    noCommunity: 'You have no role in any community yet. Ask an owner to add you.',
    sessionExpired: 'Your session has expired; please log in again.',
    roleOwner: 'Owner',
    roleAdmin: 'Admin',
    roleSteward: 'Steward',
    roleViewer: 'Viewer',
    typeLead: 'Lead',
    typeConversion: 'Conversion',
    typeFan: 'Fan',
    typeFlash: 'Flash',
    typeRepurchase: 'Repurchase',
    typeOther: 'Other',
    stageSeed: 'Seed',
    stageGrowth: 'Growth',
    stageActive: 'Active',
    stageDecline: 'Decline',
    stageDormant: 'Dormant',
    needsRole: 'Needs the {role} role or higher',
  },
};

export const groupTypeKey = {
  lead: 'typeLead',
  conversion: 'typeConversion',
  fan: 'typeFan',
  flash: 'typeFlash',
  repurchase: 'typeRepurchase',
  other: 'typeOther',
} as const;

export const stageKey = {
  seed: 'stageSeed',
  growth: 'stageGrowth',
  active: 'stageActive',
  decline: 'stageDecline',
  dormant: 'stageDormant',
} as const;

export const roleKey = {
  owner: 'roleOwner',
  admin: 'roleAdmin',
  steward: 'roleSteward',
  viewer: 'roleViewer',
} as const;
