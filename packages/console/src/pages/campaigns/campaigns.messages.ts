import type { Messages } from '../../i18n/index.js';

type Key =
  | 'title'
  | 'intro'
  | 'wechatNote'
  | 'newCampaign'
  | 'edit'
  | 'save'
  | 'cancel'
  | 'name'
  | 'description'
  | 'descriptionHint'
  | 'period'
  | 'targetGroups'
  | 'tiers'
  | 'tierInvites'
  | 'tierReward'
  | 'addTier'
  | 'liveCode'
  | 'liveCodeHint'
  | 'status'
  | 'statusDraft'
  | 'statusRunning'
  | 'statusEnded'
  | 'start'
  | 'end'
  | 'rules'
  | 'burstJoins'
  | 'burstMinutes'
  | 'windowDays'
  | 'minMessages'
  | 'ruleBlocklist'
  | 'ruleLookAlike'
  | 'rulesHint'
  | 'empty'
  | 'emptyHint'
  | 'back'
  | 'leaderboard'
  | 'participants'
  | 'flags'
  | 'claims'
  | 'rank'
  | 'member'
  | 'invites'
  | 'pending'
  | 'voided'
  | 'notValid'
  | 'tiersReached'
  | 'tierN'
  | 'claim'
  | 'claimed'
  | 'updatedAt'
  | 'totals'
  | 'emptyBoard'
  | 'addParticipant'
  | 'searchMember'
  | 'link'
  | 'linkPending'
  | 'linkNone'
  | 'poster'
  | 'source'
  | 'sourceOperator'
  | 'sourceInvites'
  | 'invitee'
  | 'inviter'
  | 'rule'
  | 'reason'
  | 'detectedAt'
  | 'state'
  | 'stateVoided'
  | 'stateRestored'
  | 'stateCleared'
  | 'restore'
  | 'undoRestore'
  | 'restoreNote'
  | 'onlyActive'
  | 'emptyFlags'
  | 'reward'
  | 'requestedAt'
  | 'emptyClaims'
  | 'claimStatusPending'
  | 'claimStatusApproved'
  | 'claimStatusDeclined'
  | 'ruleBurst'
  | 'ruleLeftSoon'
  | 'ruleNeverPosted'
  | 'ruleBlocklisted'
  | 'ruleLookAlikeName'
  | 'whyBurst'
  | 'whyLeftSoon'
  | 'whyNeverPosted'
  | 'whyBlocklisted'
  | 'whyLookAlike'
  | 'delete'
  | 'confirmDelete'
  | 'announce'
  | 'announceTemplate'
  | 'announceTemplateHint'
  | 'makeLink';

export const campaignMessages: Messages<Key> = {
  'zh-CN': {
    title: '裂变活动',
    intro:
      '成员邀请好友入群，达到档位可领取奖励。邀请数来自邀请归因的有效邀请，并经过防刷规则过滤；被判定可疑的邀请可由管理员复核恢复。',
    wechatNote:
      '提示：《微信外部链接内容管理规范》禁止以奖励诱导用户分享（诱导分享），例如“分享到朋友圈/群才能领取”。在微信中推广时请避免此类措辞，例如改为“欢迎好友加入，参与即有机会获得纪念品”。活动名称、说明和海报文字都可以修改。',
    newCampaign: '新建活动',
    edit: '编辑',
    save: '保存',
    cancel: '取消',
    name: '活动名称',
    description: '活动说明（海报文字）',
    descriptionHint: '显示在海报上，请按平台规则措辞。',
    period: '活动时间（社群时区的日期，含首尾）',
    targetGroups: '目标群',
    tiers: '奖励档位',
    tierInvites: '有效邀请数',
    tierReward: '奖励（来自积分兑换的奖品，沿用库存与审核）',
    addTier: '添加档位',
    liveCode: '活码（可选）',
    liveCodeHint:
      '填写后，个人链接为 /j/活码?ch=campaign-活动ID&ref=m成员ID；不填则为每位参与者在第一个目标群创建专属邀请链接。',
    status: '状态',
    statusDraft: '草稿',
    statusRunning: '进行中',
    statusEnded: '已结束',
    start: '开始活动',
    end: '结束活动',
    rules: '防刷规则',
    burstJoins: '集中入群：人数（0 关闭）',
    burstMinutes: '时间窗口（分钟）',
    windowDays: '考察期（天，0 关闭）',
    minMessages: '考察期内最少发言',
    ruleBlocklist: '被邀请人在黑名单中则作废',
    ruleLookAlike: '被邀请人与邀请人同名（疑似小号）则作废',
    rulesHint: '默认：同一邀请人 10 分钟内带来 5 人即标记；入群 7 天内退群或 7 天内未发言即标记。',
    empty: '还没有裂变活动',
    emptyHint: '新建一个活动：设定时间、目标群和奖励档位，再为参与者生成专属链接和海报。',
    back: '返回活动列表',
    leaderboard: '实时排行',
    participants: '参与者',
    flags: '可疑邀请',
    claims: '奖励领取',
    rank: '名次',
    member: '成员',
    invites: '有效邀请',
    pending: '待考察',
    voided: '已作废',
    notValid: '无效',
    tiersReached: '已达档位',
    tierN: '第 {n} 档',
    claim: '领取第 {n} 档',
    claimed: '第 {n} 档：{status}',
    updatedAt: '更新于 {at}，每 15 秒自动刷新',
    totals: '有效 {counted} · 待考察 {pending} · 作废 {voided} · 无效 {notValid}',
    emptyBoard: '还没有人在活动期内邀请新成员入群',
    addParticipant: '添加参与者',
    searchMember: '搜索成员昵称',
    link: '专属链接',
    linkPending: '生成中（发件箱：{status}）',
    linkNone: '尚未生成',
    poster: '海报',
    source: '来源',
    sourceOperator: '手动添加',
    sourceInvites: '因邀请加入',
    invitee: '被邀请人',
    inviter: '邀请人',
    rule: '规则',
    reason: '原因',
    detectedAt: '发现时间',
    state: '状态',
    stateVoided: '已作废',
    stateRestored: '已恢复',
    stateCleared: '已不再成立',
    restore: '恢复',
    undoRestore: '撤销恢复',
    restoreNote: '恢复原因',
    onlyActive: '只看仍成立的',
    emptyFlags: '没有可疑邀请',
    reward: '奖励',
    requestedAt: '申请时间',
    emptyClaims: '还没有人领取奖励',
    claimStatusPending: '待审核',
    claimStatusApproved: '已发放',
    claimStatusDeclined: '已拒绝',
    ruleBurst: '集中入群',
    ruleLeftSoon: '很快退群',
    ruleNeverPosted: '从不发言',
    ruleBlocklisted: '黑名单',
    ruleLookAlikeName: '疑似小号',
    whyBurst: '{joins} 人在 {minutes} 分钟内经同一邀请人入群（{limit} 人即标记）',
    whyLeftSoon: '入群 {days} 天后退群（考察期 {windowDays} 天）',
    whyNeverPosted: '入群 {windowDays} 天内发言 {messages} 条，少于 {minMessages} 条',
    whyBlocklisted: '在黑名单中：{blocklistReason}',
    whyLookAlike: '与邀请人同名（{invitee} / {inviter}）',
    delete: '删除',
    confirmDelete: '删除这个活动？参与者和可疑记录一并删除，已领取的奖励保留。',
    makeLink: '生成链接',
    announce: '有人达成档位时在第一个目标群里祝贺',
    announceTemplate: '祝贺语（可选）',
    announceTemplateHint:
      '可用 {name} {campaign} {invites} {tier} {reward}；留空使用默认：🎉 {name} 在「{campaign}」中已有 {invites} 位有效邀请，达成第 {tier} 档：{reward}！',
  },
  en: {
    title: 'Referral campaigns',
    intro:
      'Members invite friends into groups and claim rewards at each tier. Invites are the invite attribution’s valid invites, filtered by anti-fraud rules; an operator can review and restore what the rules voided.',
    wechatNote:
      'Note: WeChat’s rules for external links (《微信外部链接内容管理规范》) forbid inducing people to share with rewards (诱导分享), such as “share to Moments or a group to get it”. When promoting on WeChat, avoid such wording, e.g. “friends are welcome to join; participants may receive a souvenir”. Every text of the campaign and its poster can be edited.',
    newCampaign: 'New campaign',
    edit: 'Edit',
    save: 'Save',
    cancel: 'Cancel',
    name: 'Name',
    description: 'Description (poster text)',
    descriptionHint: 'Shown on the poster; word it by the platform’s rules.',
    period: 'Period (days in the community’s zone, both included)',
    targetGroups: 'Target groups',
    tiers: 'Reward tiers',
    tierInvites: 'Valid invites',
    tierReward: 'Reward (from the points rewards: stock and approval apply)',
    addTier: 'Add a tier',
    liveCode: 'Live code (optional)',
    liveCodeHint:
      'With one, personal links are /j/code?ch=campaign-ID&ref=mMEMBER; without, each participant gets a personal invite link to the first target group.',
    status: 'Status',
    statusDraft: 'Draft',
    statusRunning: 'Running',
    statusEnded: 'Ended',
    start: 'Start',
    end: 'End',
    rules: 'Anti-fraud rules',
    burstJoins: 'Burst: joins (0 off)',
    burstMinutes: 'within minutes',
    windowDays: 'Quality window (days, 0 off)',
    minMessages: 'Messages needed in it',
    ruleBlocklist: 'Void invitees on the blocklist',
    ruleLookAlike: 'Void invitees with the inviter’s name (alt accounts)',
    rulesHint:
      'Defaults: 5 joins from one inviter within 10 minutes are flagged; so are invitees who leave or have not posted within 7 days.',
    empty: 'No referral campaign yet',
    emptyHint: 'Create one: its period, target groups and reward tiers; then give participants their link and poster.',
    back: 'Back to campaigns',
    leaderboard: 'Live leaderboard',
    participants: 'Participants',
    flags: 'Flagged invites',
    claims: 'Reward claims',
    rank: 'Rank',
    member: 'Member',
    invites: 'Valid invites',
    pending: 'Pending',
    voided: 'Voided',
    notValid: 'Not valid',
    tiersReached: 'Tiers reached',
    tierN: 'Tier {n}',
    claim: 'Claim tier {n}',
    claimed: 'Tier {n}: {status}',
    updatedAt: 'Updated {at}; refreshes every 15 s',
    totals: 'Valid {counted} · pending {pending} · voided {voided} · not valid {notValid}',
    emptyBoard: 'Nobody has invited a new member in the period yet',
    addParticipant: 'Add a participant',
    searchMember: 'Search members by name',
    link: 'Personal link',
    linkPending: 'Being created (outbox: {status})',
    linkNone: 'Not created yet',
    poster: 'Poster',
    source: 'Source',
    sourceOperator: 'Added by hand',
    sourceInvites: 'Invited someone',
    invitee: 'Invitee',
    inviter: 'Inviter',
    rule: 'Rule',
    reason: 'Reason',
    detectedAt: 'Found',
    state: 'State',
    stateVoided: 'Voided',
    stateRestored: 'Restored',
    stateCleared: 'No longer holds',
    restore: 'Restore',
    undoRestore: 'Undo restore',
    restoreNote: 'Why restore',
    onlyActive: 'Only those that hold',
    emptyFlags: 'No flagged invite',
    reward: 'Reward',
    requestedAt: 'Requested',
    emptyClaims: 'No reward claimed yet',
    claimStatusPending: 'Awaiting approval',
    claimStatusApproved: 'Handed out',
    claimStatusDeclined: 'Declined',
    ruleBurst: 'Burst',
    ruleLeftSoon: 'Left soon',
    ruleNeverPosted: 'Never posted',
    ruleBlocklisted: 'Blocklisted',
    ruleLookAlikeName: 'Look-alike',
    whyBurst: '{joins} joins through one inviter within {minutes} minutes (flagged from {limit})',
    whyLeftSoon: 'Left {days} days after joining (window: {windowDays} days)',
    whyNeverPosted: '{messages} messages in the {windowDays} days after joining; {minMessages} needed',
    whyBlocklisted: 'On the blocklist: {blocklistReason}',
    whyLookAlike: 'Has the inviter’s name ({invitee} / {inviter})',
    delete: 'Delete',
    confirmDelete: 'Delete this campaign? Its participants and flags go too; claimed rewards stay.',
    makeLink: 'Create the link',
    announce: 'Congratulate in the first target group when someone reaches a tier',
    announceTemplate: 'Message (optional)',
    announceTemplateHint:
      'Use {name} {campaign} {invites} {tier} {reward}; empty: the default, “🎉 {name} has {invites} valid invites in “{campaign}” and reached tier {tier}: {reward}!”',
  },
};

export const ruleLabel = {
  burst: 'ruleBurst',
  left_soon: 'ruleLeftSoon',
  never_posted: 'ruleNeverPosted',
  blocklisted: 'ruleBlocklisted',
  look_alike: 'ruleLookAlikeName',
} as const;
export const ruleWhy = {
  burst: 'whyBurst',
  left_soon: 'whyLeftSoon',
  never_posted: 'whyNeverPosted',
  blocklisted: 'whyBlocklisted',
  look_alike: 'whyLookAlike',
} as const;
export const statusLabel = { draft: 'statusDraft', running: 'statusRunning', ended: 'statusEnded' } as const;
export const claimStatusLabel = {
  pending: 'claimStatusPending',
  approved: 'claimStatusApproved',
  declined: 'claimStatusDeclined',
} as const;
