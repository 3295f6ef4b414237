// The groups page's strings.
import type { Messages } from '../../i18n/index.js';

export const groupsMessages: Messages<
  | 'title'
  | 'name'
  | 'platform'
  | 'type'
  | 'members'
  | 'activityRate'
  | 'activityRateHint'
  | 'lastMessage'
  | 'stage'
  | 'search'
  | 'count'
  | 'clearFilters'
  | 'none'
> = {
  'zh-CN': {
    title: '群',
    name: '群名称',
    platform: '平台',
    type: '类型',
    members: '成员',
    activityRate: '活跃度',
    activityRateHint: '有发言的成员占群成员的比例（整个时间范围）',
    lastMessage: '最后一条消息',
    stage: '生命周期',
    search: '按群名称搜索',
    count: '共 {n} 个群',
    clearFilters: '清除筛选',
    none: '还没有群。导入聊天历史，或在沙盒里建一个群试试。',
  },
  en: {
    title: 'Groups',
    name: 'Name',
    platform: 'Platform',
    type: 'Type',
    members: 'Members',
    activityRate: 'Activity rate',
    activityRateHint: 'Share of the members who posted (over the whole period)',
    lastMessage: 'Last message',
    stage: 'Lifecycle',
    search: 'Search by name',
    count: '{n} groups',
    clearFilters: 'Clear filters',
    none: 'No groups yet. Import chat history, or try a group in the sandbox.',
  },
};
