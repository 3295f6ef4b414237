// The group page's strings (shared analytics names are in labels.ts).
import type { Messages } from '../../i18n/index.js';

export const groupMessages: Messages<
  | 'back'
  | 'platform'
  | 'platformGroupId'
  | 'type'
  | 'capacity'
  | 'noCapacity'
  | 'capacityHint'
  | 'membersNow'
  | 'messagesTotal'
  | 'lastMessage'
  | 'createdAt'
  | 'edit'
  | 'editTitle'
  | 'save'
  | 'cancel'
  | 'saveFailed'
  | 'dailyMessages'
  | 'joinsLeaves'
  | 'weeklyActive'
  | 'lifeCurve'
  | 'lifeCurveHint'
  | 'topMembers'
  | 'member'
  | 'activeDays'
  | 'noTopMembers'
  | 'plays'
  | 'playOn'
  | 'playOff'
  | 'playDefault'
  | 'noPlays'
  | 'rules'
  | 'rulesHint'
  | 'rulesEmpty'
  | 'rulesPlaceholder'
  | 'rulesWelcomeOff'
  | 'rulesLater'
  | 'saved'
  | 'noEvents'
> = {
  'zh-CN': {
    back: '全部群',
    platform: '平台',
    platformGroupId: '平台群 ID',
    type: '群类型',
    capacity: '容量',
    noCapacity: '不限',
    capacityHint: '群的人数上限，留空表示不限',
    membersNow: '当前成员',
    messagesTotal: '消息总数',
    lastMessage: '最后一条消息',
    createdAt: '登记时间',
    edit: '修改类型与容量',
    editTitle: '修改群的类型与容量',
    save: '保存',
    cancel: '取消',
    saveFailed: '保存失败：{message}',
    dailyMessages: '每日消息',
    joinsLeaves: '每日入群与退群',
    weeklyActive: '每周活跃成员',
    lifeCurve: '生命曲线',
    lifeCurveHint: '每周活跃成员（实线）与消息数（虚线），底色标出当前生命周期阶段开始的那一周起。',
    topMembers: '最活跃的成员',
    member: '成员',
    activeDays: '发言天数',
    noTopMembers: '还没有人发言。',
    plays: '玩法',
    playOn: '已开启',
    playOff: '未开启',
    playDefault: '使用默认配置',
    noPlays: '这个服务器还没有可用的玩法。',
    rules: '群公告与群规',
    rulesHint: '欢迎语玩法会把这段文字附在欢迎语后面（模板里的 {rules}）。',
    rulesEmpty: '还没有写群规。',
    rulesPlaceholder: '例如：友善交流，禁止广告；违规先警告，再禁言，屡犯移出。',
    rulesWelcomeOff: '欢迎语玩法未开启：群规会保存，但在开启前不会发送。',
    rulesLater: '更完整的群规编辑器（违规、警告、禁言、移出的阶梯）会随维持秩序的玩法一起推出。',
    saved: '已保存',
    noEvents: '这个群还没有消息或入群记录。导入它的聊天历史，或在沙盒里试一试。',
  },
  en: {
    back: 'All groups',
    platform: 'Platform',
    platformGroupId: 'Platform group id',
    type: 'Group type',
    capacity: 'Capacity',
    noCapacity: 'No limit',
    capacityHint: 'The most members the group can hold; empty for no limit',
    membersNow: 'Members now',
    messagesTotal: 'Messages',
    lastMessage: 'Last message',
    createdAt: 'Registered',
    edit: 'Change type and capacity',
    editTitle: "Change the group's type and capacity",
    save: 'Save',
    cancel: 'Cancel',
    saveFailed: 'Could not save: {message}',
    dailyMessages: 'Messages per day',
    joinsLeaves: 'Joins and leaves per day',
    weeklyActive: 'Active members per week',
    lifeCurve: 'Life curve',
    lifeCurveHint:
      'Active members (solid) and messages (dashed) per week; the shaded part is the current lifecycle stage, from the week it began.',
    topMembers: 'Most active members',
    member: 'Member',
    activeDays: 'Days with a message',
    noTopMembers: 'Nobody has posted yet.',
    plays: 'Plays',
    playOn: 'On',
    playOff: 'Off',
    playDefault: 'Default configuration',
    noPlays: 'This server has no plays yet.',
    rules: 'Announcement and rules',
    rulesHint: 'The welcome play adds this text to its greeting ({rules} in the template).',
    rulesEmpty: 'No rules written yet.',
    rulesPlaceholder: 'For example: be kind, no ads; a warning first, then a mute, then removal.',
    rulesWelcomeOff: 'The welcome play is off: the rules are kept, but not sent until it is on.',
    rulesLater:
      'A fuller rules editor (the ladder of violation, warning, mute and removal) comes with the order-keeping plays.',
    saved: 'Saved',
    noEvents: 'This group has no messages or joins yet. Import its chat history, or try the sandbox.',
  },
};
