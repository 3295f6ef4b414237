import type { Messages } from '../../i18n/index.js';

export const messages: Messages<
  | 'title'
  | 'intro'
  | 'group'
  | 'noSandbox'
  | 'createSandbox'
  | 'newSandbox'
  | 'groupName'
  | 'defaultName'
  | 'create'
  | 'cancel'
  | 'chat'
  | 'actAs'
  | 'presets'
  | 'userId'
  | 'displayName'
  | 'join'
  | 'leave'
  | 'request'
  | 'requestHint'
  | 'requested'
  | 'pressed'
  | 'pressAs'
  | 'send'
  | 'messagePlaceholder'
  | 'fastForward'
  | 'fastForwardHint'
  | 'refresh'
  | 'chatEmpty'
  | 'bot'
  | 'joined'
  | 'left'
  | 'welcomeWaiting'
  | 'welcomeSoon'
  | 'welcomeOff'
  | 'needUser'
  | 'needText'
  | 'failed'
  | 'plays'
  | 'playsHint'
  | 'playsEmpty'
  | 'on'
  | 'off'
  | 'welcomeSettings'
  | 'template'
  | 'templateHint'
  | 'rules'
  | 'rulesPlaceholder'
  | 'burst'
  | 'burstHint'
  | 'maxNames'
  | 'maxNamesHint'
  | 'seconds'
  | 'save'
  | 'saved'
  | 'actSend'
  | 'actDelete'
  | 'actMute'
  | 'actRemove'
  | 'actApprove'
  | 'statusPending'
  | 'statusSent'
  | 'statusFailed'
  | 'statusSkipped'
> = {
  'zh-CN': {
    title: '沙盒',
    intro: '沙盒是一个内置的模拟群：扮演成员入群、发言、退群，看玩法如何回应。它不连接任何真实平台，不会影响真实的群。',
    group: '沙盒群',
    noSandbox: '这个社群还没有沙盒群。新建一个，就可以在里面试玩法了。',
    createSandbox: '新建沙盒群',
    newSandbox: '新建',
    groupName: '群名称',
    defaultName: '沙盒群',
    create: '创建',
    cancel: '取消',
    chat: '聊天',
    actAs: '扮演成员',
    presets: '常用：',
    userId: '用户 ID',
    displayName: '显示名',
    join: '入群',
    leave: '退群',
    request: '申请入群',
    requestHint: '以该成员申请入群（入群门槛）；输入框里的文字作为入群问题的回答',
    requested: '{name} 申请入群：{text}',
    pressed: '{name} 点击了按钮',
    pressAs: '以下方选择的成员点击',
    send: '发送',
    messagePlaceholder: '说点什么…（回车发送）',
    fastForward: '快进',
    fastForwardHint:
      '欢迎语玩法在有人入群后会先等待合并窗口（{s} 秒），把这段时间里入群的人合并成一条欢迎语再发出。点「快进」立即触发等待中的定时器。',
    refresh: '刷新',
    chatEmpty: '还没有消息。在下面选一个成员，点「入群」或发一条消息。',
    bot: '机器人',
    joined: '{name} 加入了群',
    left: '{name} 退出了群',
    welcomeWaiting: '欢迎语约 {s} 秒后发出（合并窗口内入群的人会合并成一条）。点「快进」立即发出。',
    welcomeSoon: '欢迎语即将发出…',
    welcomeOff: '这个群的欢迎语玩法没有开启：在右侧打开它，新成员入群时就会收到欢迎语。',
    needUser: '请填写用户 ID。',
    needText: '请输入消息内容。',
    failed: '操作失败：{message}',
    plays: '玩法',
    playsHint: '开关和设置只作用于这个群。',
    playsEmpty: '服务器没有可用的玩法。',
    on: '开',
    off: '关',
    welcomeSettings: '欢迎语设置',
    template: '欢迎语模板',
    templateHint: '可用占位符：{name} 新成员名字，{group} 群名称，{rules} 群规。留空则使用社群语言的默认欢迎语。',
    rules: '群规',
    rulesPlaceholder: '例如：1. 友善交流 2. 禁止广告',
    burst: '合并窗口',
    burstHint: '第一个人入群后这么多秒内入群的人，合并成一条欢迎语。0 表示每人入群立即欢迎。',
    maxNames: '一条欢迎语最多点名',
    maxNamesHint: '超出的人数会合计显示。',
    seconds: '秒',
    save: '保存',
    saved: '已保存',
    actSend: '发送消息',
    actDelete: '删除消息',
    actMute: '禁言',
    actRemove: '移出',
    actApprove: '通过入群申请',
    statusPending: '待发送',
    statusSent: '已发送',
    statusFailed: '发送失败',
    statusSkipped: '已跳过',
  },
  en: {
    title: 'Sandbox',
    intro:
      'The sandbox is a built-in pretend group: join, post and leave as a pretend member and see how the plays answer. It is connected to no platform and touches no real group.',
    group: 'Sandbox group',
    noSandbox: 'This community has no sandbox group yet. Create one to try plays in it.',
    createSandbox: 'Create a sandbox group',
    newSandbox: 'New',
    groupName: 'Group name',
    defaultName: 'Sandbox',
    create: 'Create',
    cancel: 'Cancel',
    chat: 'Chat',
    actAs: 'Act as',
    presets: 'Presets:',
    userId: 'User id',
    displayName: 'Display name',
    join: 'Join',
    leave: 'Leave',
    request: 'Request to join',
    requestHint: 'Ask to join as this member (entry gate); the text box holds the answers to the questions',
    requested: '{name} asked to join: {text}',
    pressed: '{name} pressed a button',
    pressAs: 'Press as the member chosen below',
    send: 'Send',
    messagePlaceholder: 'Say something… (Enter sends)',
    fastForward: 'Fast-forward',
    fastForwardHint:
      'After someone joins, the welcome play waits for its burst window ({s} s) and greets everyone who joined in it in one message. Fast-forward fires the waiting timers now.',
    refresh: 'Refresh',
    chatEmpty: 'Nothing here yet. Pick a member below and press Join, or send a message.',
    bot: 'Bot',
    joined: '{name} joined',
    left: '{name} left',
    welcomeWaiting:
      'The welcome goes out in about {s} s (everyone who joins in the window is greeted together). Fast-forward sends it now.',
    welcomeSoon: 'The welcome is about to go out…',
    welcomeOff: 'The welcome play is off in this group: switch it on at the right to greet members who join.',
    needUser: 'Enter a user id.',
    needText: 'Enter a message.',
    failed: 'Failed: {message}',
    plays: 'Plays',
    playsHint: 'Switches and settings apply to this group only.',
    playsEmpty: 'This server has no plays.',
    on: 'On',
    off: 'Off',
    welcomeSettings: 'Welcome settings',
    template: 'Welcome template',
    templateHint:
      "Placeholders: {name} the newcomers' names, {group} the group's name, {rules} the rules. Empty: the community language's default.",
    rules: 'Rules',
    rulesPlaceholder: 'e.g. 1. Be kind 2. No ads',
    burst: 'Burst window',
    burstHint:
      'Members who join within this many seconds of the first are greeted in one message. 0 greets each at once.',
    maxNames: 'Names per greeting',
    maxNamesHint: 'The rest are counted.',
    seconds: 's',
    save: 'Save',
    saved: 'Saved',
    actSend: 'Send message',
    actDelete: 'Delete message',
    actMute: 'Mute',
    actRemove: 'Remove',
    actApprove: 'Approve join request',
    statusPending: 'pending',
    statusSent: 'sent',
    statusFailed: 'failed',
    statusSkipped: 'skipped',
  },
};
