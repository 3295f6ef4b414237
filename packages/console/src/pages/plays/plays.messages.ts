// The Plays page's strings: zh-CN first, then en.
import type { Messages } from '../../i18n/index.js';

type Key =
  | 'title'
  | 'intro'
  | 'backToGroup'
  | 'openSandbox'
  | 'on'
  | 'off'
  | 'defaults'
  | 'degrades'
  | 'noConnection'
  | 'tabConfig'
  | 'tabShared'
  | 'tabBacktest'
  | 'tabRules'
  | 'save'
  | 'saved'
  | 'saveFailed'
  | 'reset'
  | 'unsaved'
  | 'sharedIntro'
  | 'sharedSave'
  | 'rawJson'
  | 'rawJsonInvalid'
  | 'add'
  | 'remove'
  | 'item'
  | 'empty'
  | 'backtestIntro'
  | 'range'
  | 'run'
  | 'running'
  | 'eventsReplayed'
  | 'actions'
  | 'ledger'
  | 'failures'
  | 'byKind'
  | 'byReason'
  | 'noReason'
  | 'noActions'
  | 'samples'
  | 'trigger'
  | 'timerTrigger'
  | 'assumed'
  | 'backtestFailed'
  | 'ruleTitle'
  | 'ruleValue'
  | 'ruleEntry'
  | 'ruleEncouraged'
  | 'ruleReward'
  | 'ruleForbidden'
  | 'rulePenalty'
  | 'ruleBehaviour'
  | 'ruleVision'
  | 'preview'
  | 'previewLength'
  | 'publish'
  | 'published'
  | 'publishedPosted'
  | 'versions'
  | 'noVersions'
  | 'version'
  | 'load'
  | 'faqHint'
  | 'needsAdmin'
  | 'manage';

export const playsMessages: Messages<Key> = {
  'zh-CN': {
    title: '玩法',
    intro: '为本群开关玩法、调整配置；上线前可以用本群的历史消息回测：看看它会做什么。',
    backToGroup: '返回群',
    openSandbox: '在沙盒里试',
    on: '已开启',
    off: '未开启',
    defaults: '默认配置',
    degrades: '该平台不支持：{caps}。此玩法会降级（例如改为提醒管家）。',
    noConnection: '该群没有在线连接（导入的历史）：回测时假定平台具备全部能力。',
    tabConfig: '配置',
    tabShared: '社群共享配置',
    tabBacktest: '回测',
    tabRules: '群规与版本',
    save: '保存',
    saved: '已保存',
    saveFailed: '保存失败：{message}',
    reset: '撤销修改',
    unsaved: '有未保存的修改（回测使用当前表单）',
    sharedIntro: '这份配置由社群的所有群共用，修改一次即可（需要管理员）。',
    sharedSave: '保存共享配置',
    rawJson: 'JSON',
    rawJsonInvalid: '不是有效的 JSON：{message}',
    add: '添加',
    remove: '删除',
    item: '第 {n} 项',
    empty: '（空）',
    backtestIntro: '用上面表单中的配置（无需保存）重放本群的历史，统计它会执行的动作。',
    range: '时间范围',
    run: '运行回测',
    running: '回测中…',
    eventsReplayed: '重放事件',
    actions: '动作',
    ledger: '流水',
    failures: '出错',
    byKind: '按动作类型',
    byReason: '按原因',
    noReason: '（无原因）',
    noActions: '这段历史里，它不会做任何事。',
    samples: '样例（含触发消息）',
    trigger: '触发',
    timerTrigger: '定时触发',
    assumed: '该群无在线连接，回测假定全部能力。',
    backtestFailed: '回测失败：{message}',
    ruleTitle: '标题',
    ruleValue: '本群价值',
    ruleEntry: '入群条件',
    ruleEncouraged: '鼓励的行为',
    ruleReward: '奖励',
    ruleForbidden: '禁止的行为',
    rulePenalty: '处罚',
    ruleBehaviour: '行为',
    ruleVision: '愿景',
    preview: '群公告预览',
    previewLength: '{n} 字',
    publish: '发布新版本',
    published: '已发布第 {version} 版',
    publishedPosted: '已发布第 {version} 版，并已发到群里（可置顶的平台会置顶）',
    versions: '历史版本',
    noVersions: '还没有发布过',
    version: '第 {version} 版',
    load: '载入到编辑器',
    faqHint: '在各群的「关键词回复」中打开“使用 FAQ 库”即可使用这里的问答。',
    needsAdmin: '需要管理员权限',
    manage: '玩法配置与回测 →',
  },
  en: {
    title: 'Plays',
    intro:
      'Switch plays on or off for this group and configure them; before switching one on, backtest it on this group’s history to see what it would do.',
    backToGroup: 'Back to the group',
    openSandbox: 'Try in the sandbox',
    on: 'On',
    off: 'Off',
    defaults: 'defaults',
    degrades: 'This platform cannot: {caps}. The play degrades (for example, it alerts stewards instead).',
    noConnection: 'This group has no live connection (imported history): backtests assume every capability.',
    tabConfig: 'Configuration',
    tabShared: 'Shared configuration',
    tabBacktest: 'Backtest',
    tabRules: 'Rules and versions',
    save: 'Save',
    saved: 'Saved',
    saveFailed: 'Could not save: {message}',
    reset: 'Undo changes',
    unsaved: 'Unsaved changes (the backtest uses the form as it is)',
    sharedIntro: 'Every group of the community shares this configuration; edit it once (admins).',
    sharedSave: 'Save shared configuration',
    rawJson: 'JSON',
    rawJsonInvalid: 'Not valid JSON: {message}',
    add: 'Add',
    remove: 'Remove',
    item: 'Item {n}',
    empty: '(empty)',
    backtestIntro:
      'Replays this group’s history with the configuration in the form above (unsaved is fine) and counts what the play would have done.',
    range: 'Period',
    run: 'Run backtest',
    running: 'Running…',
    eventsReplayed: 'Events replayed',
    actions: 'Actions',
    ledger: 'Ledger entries',
    failures: 'Failures',
    byKind: 'By action',
    byReason: 'By reason',
    noReason: '(no reason)',
    noActions: 'Over this history it would have done nothing.',
    samples: 'Samples with their triggering messages',
    trigger: 'Trigger',
    timerTrigger: 'timer',
    assumed: 'This group has no live connection: the backtest assumed every capability.',
    backtestFailed: 'Backtest failed: {message}',
    ruleTitle: 'Title',
    ruleValue: 'Why this group',
    ruleEntry: 'Who may join',
    ruleEncouraged: 'Encouraged behaviours',
    ruleReward: 'Reward',
    ruleForbidden: 'Forbidden behaviours',
    rulePenalty: 'Penalty',
    ruleBehaviour: 'Behaviour',
    ruleVision: 'Vision',
    preview: 'Announcement preview',
    previewLength: '{n} characters',
    publish: 'Publish a new version',
    published: 'Version {version} published',
    publishedPosted: 'Version {version} published and posted to the group (pinned where the platform allows)',
    versions: 'Versions',
    noVersions: 'Nothing published yet',
    version: 'Version {version}',
    load: 'Load into the editor',
    faqHint: 'Groups use these answers by switching on “useFaq” in their auto-reply play.',
    needsAdmin: 'Needs the admin role',
    manage: 'Configure and backtest plays →',
  },
};
