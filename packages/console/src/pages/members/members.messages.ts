import type { Messages } from '../../i18n/index.js';

export const membersMessages: Messages<
  | 'title'
  | 'total'
  | 'search'
  | 'group'
  | 'allGroups'
  | 'present'
  | 'presentNeedsGroup'
  | 'sort'
  | 'sortLastSeen'
  | 'sortFirstSeen'
  | 'sortName'
  | 'name'
  | 'memberId'
  | 'firstSeen'
  | 'lastSeen'
  | 'laterFilters'
  | 'segmentFilter'
  | 'tag'
  | 'allTags'
  | 'emptyTitle'
  | 'importHistory'
  | 'trySandbox'
  | 'noMatch'
  | 'clearFilters'
  | 'range'
> = {
  'zh-CN': {
    title: '成员',
    total: '共 {n} 名成员',
    search: '按名字、平台用户 ID 或成员 ID 搜索',
    group: '群',
    allGroups: '全部群',
    present: '仍在群内',
    presentNeedsGroup: '先选择一个群',
    sort: '排序',
    sortLastSeen: '最近活跃',
    sortFirstSeen: '首次出现',
    sortName: '名字',
    name: '名字',
    memberId: '成员 ID',
    firstSeen: '首次出现',
    lastSeen: '最近活跃',
    laterFilters: '按分层、活跃度、积分、入群时间等更多条件筛选并保存为分群 →',
    segmentFilter: '分群条件',
    tag: '标签',
    allTags: '全部标签',
    emptyTitle: '还没有成员。导入聊天记录，或在沙盒里试一试，成员就会出现在这里。',
    importHistory: '导入聊天记录',
    trySandbox: '试试沙盒',
    noMatch: '没有符合条件的成员。',
    clearFilters: '清除筛选',
    range: '第 {from}–{to} 名，共 {total} 名',
  },
  en: {
    title: 'Members',
    total: '{n} members',
    search: 'Search by name, platform user id or member id',
    group: 'Group',
    allGroups: 'All groups',
    present: 'Still in the group',
    presentNeedsGroup: 'Choose a group first',
    sort: 'Sort',
    sortLastSeen: 'Last active',
    sortFirstSeen: 'First seen',
    sortName: 'Name',
    name: 'Name',
    memberId: 'Member id',
    firstSeen: 'First seen',
    lastSeen: 'Last active',
    laterFilters: 'Filter by layer, activity, points, join date and more, and save it as a segment →',
    segmentFilter: 'Segment filter',
    tag: 'Tag',
    allTags: 'All tags',
    emptyTitle: 'No members yet. Import chat history or try the sandbox, and members will show up here.',
    importHistory: 'Import history',
    trySandbox: 'Try the sandbox',
    noMatch: 'No member matches these filters.',
    clearFilters: 'Clear filters',
    range: '{from}–{to} of {total}',
  },
};
