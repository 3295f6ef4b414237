// The overview page's strings (shared analytics names are in labels.ts).
import type { Messages } from '../../i18n/index.js';

export const overviewMessages: Messages<
  | 'title'
  | 'asOf'
  | 'membersNow'
  | 'membersCaption'
  | 'activeWeek'
  | 'activeCaption'
  | 'rateWeek'
  | 'rateCaption'
  | 'vsLastWeek'
  | 'groupsCount'
  | 'groupsCaption'
  | 'messagesPerDay'
  | 'joinsLeavesPerDay'
  | 'noDays'
  | 'byType'
  | 'byStage'
  | 'layers'
  | 'layersLeft'
  | 'loyalty'
  | 'retention'
  | 'retentionHint'
  | 'retentionRecent'
  | 'noCohorts'
  | 'monthly'
  | 'month'
> = {
  'zh-CN': {
    title: '社群概览',
    asOf: '截至 {day}（{tz}）',
    membersNow: '当前成员',
    membersCaption: '累计出现过 {total} 人 · 已离开 {left} 人',
    activeWeek: '活跃成员（上一完整周）',
    activeCaption: '{week} 这一周 · 近 7 天 {n} 人',
    rateWeek: '活跃度（上一完整周）',
    rateCaption: '近 7 天 {rate} · 近 30 天 {rate30}',
    vsLastWeek: '较前一周 {delta}',
    groupsCount: '群',
    groupsCaption: '共 {messages} 条消息',
    messagesPerDay: '每日消息',
    joinsLeavesPerDay: '每日入群与退群',
    noDays: '这段时间没有按天的数据。',
    byType: '按群类型',
    byStage: '按生命周期',
    layers: '成员分层（按活跃）',
    layersLeft: '已离开的 {n} 人不参与分层。',
    loyalty: '忠诚度分层',
    retention: '留存',
    retentionHint: '每一行是某一周首次出现的成员，每一列是之后第 k 周仍有发言的比例。',
    retentionRecent: '只显示最近 {n} 个批次。',
    noCohorts: '还没有新成员批次。',
    monthly: '按月汇总',
    month: '月份',
  },
  en: {
    title: 'Community overview',
    asOf: 'As of {day} ({tz})',
    membersNow: 'Members now',
    membersCaption: '{total} seen in all · {left} left',
    activeWeek: 'Active members (last complete week)',
    activeCaption: 'Week of {week} · last 7 days: {n}',
    rateWeek: 'Activity rate (last complete week)',
    rateCaption: 'Last 7 days: {rate} · last 30 days: {rate30}',
    vsLastWeek: '{delta} vs the week before',
    groupsCount: 'Groups',
    groupsCaption: '{messages} messages in all',
    messagesPerDay: 'Messages per day',
    joinsLeavesPerDay: 'Joins and leaves per day',
    noDays: 'No daily data in this period.',
    byType: 'By group type',
    byStage: 'By lifecycle stage',
    layers: 'Member layers (by activity)',
    layersLeft: 'The {n} members who left are not layered.',
    loyalty: 'Loyalty layers',
    retention: 'Retention',
    retentionHint:
      'Each row is the members first seen in a week; each column the share of them who posted in their k-th week after.',
    retentionRecent: 'Only the {n} most recent cohorts are shown.',
    noCohorts: 'No cohorts of newcomers yet.',
    monthly: 'By month',
    month: 'Month',
  },
};
