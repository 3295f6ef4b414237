import type { Messages } from '../../i18n/index.js';

export const memberMessages: Messages<
  | 'back'
  | 'memberId'
  | 'firstSeen'
  | 'lastSeen'
  | 'identities'
  | 'platform'
  | 'platformUserId'
  | 'name'
  | 'noIdentities'
  | 'groups'
  | 'group'
  | 'status'
  | 'statusIn'
  | 'statusLeft'
  | 'joined'
  | 'left'
  | 'groupLastSeen'
  | 'noGroups'
  | 'timeline'
  | 'loadMore'
  | 'noEvents'
  | 'invitedBy'
  | 'asName'
  | 'later'
  | 'tags'
  | 'addTags'
  | 'notFoundTitle'
  | 'notFound'
  | 'backToMembers'
  | 'typeMessage'
  | 'typeJoin'
  | 'typeLeave'
  | 'typeReaction'
  | 'typeJoinRequest'
  | 'typeCommand'
  | 'typeEdit'
  | 'typeService'
> = {
  'zh-CN': {
    back: '成员',
    memberId: '成员 ID',
    firstSeen: '首次出现',
    lastSeen: '最近活跃',
    identities: '身份',
    platform: '平台',
    platformUserId: '平台用户 ID',
    name: '名字',
    noIdentities: '没有身份记录。',
    groups: '所在的群',
    group: '群',
    status: '状态',
    statusIn: '在群内',
    statusLeft: '已退群',
    joined: '入群',
    left: '退群',
    groupLastSeen: '最近活跃',
    noGroups: '还没有在任何群出现过。',
    timeline: '事件时间线',
    loadMore: '加载更多',
    noEvents: '还没有事件。导入聊天记录或连接群后，这里会按时间列出该成员的消息、入群和退群。',
    invitedBy: '邀请人：',
    asName: '当时名字：{name}',
    later: '积分、等级与勋章见右侧「促活」；警告与违规记录见「秩序」页。',
    tags: '标签',
    addTags: '输入标签后回车',
    notFoundTitle: '找不到这名成员',
    notFound: '这个社群里没有这名成员，可能是链接有误，或者成员属于另一个社群。',
    backToMembers: '返回成员列表',
    typeMessage: '消息',
    typeJoin: '入群',
    typeLeave: '退群',
    typeReaction: '表情回应',
    typeJoinRequest: '入群申请',
    typeCommand: '命令',
    typeEdit: '编辑',
    typeService: '系统消息',
  },
  en: {
    back: 'Members',
    memberId: 'Member id',
    firstSeen: 'First seen',
    lastSeen: 'Last active',
    identities: 'Identities',
    platform: 'Platform',
    platformUserId: 'Platform user id',
    name: 'Name',
    noIdentities: 'No identities recorded.',
    groups: 'Groups',
    group: 'Group',
    status: 'Status',
    statusIn: 'In',
    statusLeft: 'Left',
    joined: 'Joined',
    left: 'Left',
    groupLastSeen: 'Last active',
    noGroups: 'Not seen in any group yet.',
    timeline: 'Timeline',
    loadMore: 'Load more',
    noEvents:
      "No events yet. Once you import chat history or connect a group, this member's messages, joins and leaves are listed here.",
    invitedBy: 'Invited by ',
    asName: 'as {name}',
    later:
      'Points, level and badges are under Engagement on the right; warnings and violations are on the Moderation page.',
    tags: 'Tags',
    addTags: 'Type a tag and press Enter',
    notFoundTitle: 'No such member',
    notFound:
      'There is no such member in this community: the link may be wrong, or the member belongs to another community.',
    backToMembers: 'Back to members',
    typeMessage: 'Message',
    typeJoin: 'Join',
    typeLeave: 'Leave',
    typeReaction: 'Reaction',
    typeJoinRequest: 'Join request',
    typeCommand: 'Command',
    typeEdit: 'Edit',
    typeService: 'Service message',
  },
};

/** Event types as the timeline names them; a type the console does not know yet is shown as it is. */
export const eventTypeKey: Record<string, keyof (typeof memberMessages)['en']> = {
  message: 'typeMessage',
  join: 'typeJoin',
  leave: 'typeLeave',
  reaction: 'typeReaction',
  join_request: 'typeJoinRequest',
  command: 'typeCommand',
  edit: 'typeEdit',
  service: 'typeService',
};

export const eventTypeColor: Record<string, string> = {
  message: 'blue',
  join: 'green',
  leave: 'red',
  join_request: 'gold',
};
