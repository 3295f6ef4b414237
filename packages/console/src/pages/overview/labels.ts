// Strings shared by the overview, groups and group pages: analytics names, chart series, states.
import type { Messages } from '../../i18n/index.js';

export const labels: Messages<
  | 'messages'
  | 'joins'
  | 'leaves'
  | 'members'
  | 'activeMembers'
  | 'activityRate'
  | 'health'
  | 'healthHint'
  | 'lifecycle'
  | 'since'
  | 'weightOf'
  | 'score'
  | 'weight'
  | 'noComponents'
  | 'hActivity'
  | 'hTrend'
  | 'hRetention'
  | 'hGrowth'
  | 'hLurkers'
  | 'layerActive'
  | 'layerParticipant'
  | 'layerObserver'
  | 'layerLurker'
  | 'loyaltyNone'
  | 'loyaltyLow'
  | 'loyaltyMedium'
  | 'loyaltyHigh'
  | 'loyaltyLoyal'
  | 'severityCritical'
  | 'severityWarning'
  | 'severityInfo'
  | 'ruleNoMessages'
  | 'ruleBelowPeak'
  | 'ruleYoung'
  | 'ruleSmall'
  | 'ruleDecline'
  | 'ruleGrowth'
  | 'ruleOtherwise'
  | 'ruleNoHistory'
  | 'weekK'
  | 'cohort'
  | 'noEventsTitle'
  | 'importHistory'
  | 'trySandbox'
> = {
  'zh-CN': {
    messages: '消息',
    joins: '入群',
    leaves: '退群',
    members: '成员',
    activeMembers: '活跃成员',
    activityRate: '活跃度',
    health: '健康度',
    healthHint: '由活跃度、趋势、留存、增长和潜水者占比加权得出（0–100），按最近的完整周计算。',
    lifecycle: '生命周期',
    since: '自 {day} 起',
    weightOf: '权重 {w}',
    score: '得分',
    weight: '权重',
    noComponents: '还没有完整的一周数据，暂时无法评分。',
    hActivity: '活跃度（近 4 周平均）',
    hTrend: '消息趋势（近 4 周对比前 4 周）',
    hRetention: '新成员次周留存',
    hGrowth: '成员增长（近 4 周）',
    hLurkers: '潜水者占比',
    layerActive: '活跃者',
    layerParticipant: '参与者',
    layerObserver: '关注者',
    layerLurker: '潜水者',
    loyaltyNone: '无',
    loyaltyLow: '低',
    loyaltyMedium: '中',
    loyaltyHigh: '高',
    loyaltyLoyal: '忠实',
    severityCritical: '紧急',
    severityWarning: '注意',
    severityInfo: '提示',
    ruleNoMessages: '最近 4 周没有消息',
    ruleBelowPeak: '最近 4 周每周消息都不到峰值的 5%',
    ruleYoung: '历史不足 4 个完整周',
    ruleSmall: '周末成员从未达到 10 人',
    ruleDecline: '近 4 周消息和活跃成员都比前 4 周下降 30% 以上',
    ruleGrowth: '近 4 周成员增长 10% 以上，活跃成员也在增加',
    ruleOtherwise: '稳定活跃',
    ruleNoHistory: '还没有完整的一周',
    weekK: '第 {k} 周',
    cohort: '{week} 周（{size} 人）',
    noEventsTitle: '还没有任何消息或入群记录。导入聊天历史，或在沙盒里试一试。',
    importHistory: '导入历史',
    trySandbox: '试试沙盒',
  },
  en: {
    messages: 'Messages',
    joins: 'Joins',
    leaves: 'Leaves',
    members: 'Members',
    activeMembers: 'Active members',
    activityRate: 'Activity rate',
    health: 'Health',
    healthHint:
      'A weighted mean (0–100) of activity rate, trend, retention, growth and the share of lurkers, over the last complete weeks.',
    lifecycle: 'Lifecycle',
    since: 'since {day}',
    weightOf: 'weight {w}',
    score: 'Score',
    weight: 'Weight',
    noComponents: 'No complete week yet: nothing to score.',
    hActivity: 'Activity rate (mean of 4 weeks)',
    hTrend: 'Message trend (4 weeks vs the 4 before)',
    hRetention: "Newcomers' week-1 retention",
    hGrowth: 'Member growth (4 weeks)',
    hLurkers: 'Share of lurkers',
    layerActive: 'Active',
    layerParticipant: 'Participants',
    layerObserver: 'Observers',
    layerLurker: 'Lurkers',
    loyaltyNone: 'None',
    loyaltyLow: 'Low',
    loyaltyMedium: 'Medium',
    loyaltyHigh: 'High',
    loyaltyLoyal: 'Loyal',
    severityCritical: 'Critical',
    severityWarning: 'Warning',
    severityInfo: 'Info',
    ruleNoMessages: 'No message in the last 4 weeks',
    ruleBelowPeak: 'Each of the last 4 weeks under 5% of the best week',
    ruleYoung: 'Fewer than 4 complete weeks of history',
    ruleSmall: 'Never 10 members at the end of a week',
    ruleDecline: 'Messages and active members both down 30% or more against the 4 weeks before',
    ruleGrowth: 'Members up 10% or more in 4 weeks, with more active members',
    ruleOtherwise: 'Steadily active',
    ruleNoHistory: 'No complete week yet',
    weekK: 'Week {k}',
    cohort: 'Week of {week} ({size})',
    noEventsTitle: 'No messages or joins yet. Import chat history, or try the sandbox.',
    importHistory: 'Import history',
    trySandbox: 'Try the sandbox',
  },
};

export const healthKey = {
  activity: 'hActivity',
  trend: 'hTrend',
  retention: 'hRetention',
  growth: 'hGrowth',
  lurkers: 'hLurkers',
} as const;

export const activityLayerKey = {
  active: 'layerActive',
  participant: 'layerParticipant',
  observer: 'layerObserver',
  lurker: 'layerLurker',
} as const;

export const loyaltyLayerKey = {
  none: 'loyaltyNone',
  low: 'loyaltyLow',
  medium: 'loyaltyMedium',
  high: 'loyaltyHigh',
  loyal: 'loyaltyLoyal',
} as const;

export const severityKey = {
  critical: 'severityCritical',
  warning: 'severityWarning',
  info: 'severityInfo',
} as const;

export const ruleKey: Record<string, keyof (typeof labels)['en']> = {
  no_messages: 'ruleNoMessages',
  below_peak: 'ruleBelowPeak',
  young: 'ruleYoung',
  small: 'ruleSmall',
  decline: 'ruleDecline',
  growth: 'ruleGrowth',
  otherwise: 'ruleOtherwise',
  no_history: 'ruleNoHistory',
};
