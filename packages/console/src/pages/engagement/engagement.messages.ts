import type { Messages } from '../../i18n/index.js';

export const engagementMessages: Messages<
  | 'title'
  | 'intro'
  | 'leaderboard'
  | 'testimonials'
  | 'ledger'
  | 'metric'
  | 'metricPoints'
  | 'metricCheckins'
  | 'metricStreak'
  | 'metricInvites'
  | 'periodDay'
  | 'periodWeek'
  | 'periodMonth'
  | 'periodAll'
  | 'allGroups'
  | 'rank'
  | 'member'
  | 'value'
  | 'emptyBoard'
  | 'emptyBoardHint'
  | 'emptyTestimonials'
  | 'at'
  | 'kind'
  | 'amount'
  | 'reason'
  | 'play'
  | 'emptyLedger'
  | 'points'
  | 'level'
  | 'checkIns'
  | 'streak'
  | 'invites'
  | 'badges'
  | 'noBadges'
  | 'adjust'
  | 'adjustAmount'
  | 'adjustReason'
  | 'engagementCard'
  | 'days'
  | 'rewardsTab'
  | 'pendingRedemptions'
  | 'noPending'
  | 'rewards'
  | 'noRewards'
  | 'reward'
  | 'cost'
  | 'stock'
  | 'unlimited'
  | 'approval'
  | 'needsApproval'
  | 'instant'
  | 'offer'
  | 'approve'
  | 'decline'
  | 'redeem'
> = {
  'zh-CN': {
    title: '促活',
    intro: '打卡、积分、等级、勋章与排行榜都记在流水里；在群的玩法中开启“每日打卡”“积分”“等级”“勋章”“排行榜”。',
    leaderboard: '排行榜',
    testimonials: '打卡见证',
    ledger: '流水',
    metric: '榜单',
    metricPoints: '积分',
    metricCheckins: '打卡次数',
    metricStreak: '最长连续打卡',
    metricInvites: '有效邀请',
    periodDay: '今天',
    periodWeek: '本周',
    periodMonth: '本月',
    periodAll: '全部',
    allGroups: '全部群',
    rank: '名次',
    member: '成员',
    value: '数值',
    emptyBoard: '这段时间还没有人上榜',
    emptyBoardHint: '在沙盒里开启“每日打卡”和“积分”，以假想成员发送“打卡”试试。',
    emptyTestimonials: '还没有带内容的打卡。成员发送“打卡 + 今天的收获”即会保存为见证。',
    at: '时间',
    kind: '类型',
    amount: '数量',
    reason: '原因',
    play: '玩法',
    emptyLedger: '流水为空',
    points: '积分',
    level: '等级',
    checkIns: '累计打卡',
    streak: '当前连续',
    invites: '有效邀请',
    badges: '勋章',
    noBadges: '暂无勋章',
    adjust: '调整积分',
    adjustAmount: '增减（负数为扣除）',
    adjustReason: '原因（会记入流水）',
    engagementCard: '促活',
    days: '{n} 天',
    rewardsTab: '积分兑换',
    pendingRedemptions: '待审批的兑换',
    noPending: '没有待审批的兑换',
    rewards: '奖品',
    noRewards: '还没有奖品，管理员可在下方添加',
    reward: '奖品',
    cost: '所需积分',
    stock: '库存',
    unlimited: '不限',
    approval: '审批',
    needsApproval: '需要审批',
    instant: '即时兑换',
    offer: '上架奖品',
    approve: '通过',
    decline: '拒绝',
    redeem: '为其兑换',
  },
  en: {
    title: 'Engagement',
    intro:
      'Check-ins, points, levels, badges and leaderboards are all kept in the ledger; switch on “Daily check-in”, “Points”, “Levels”, “Badges” and “Leaderboards” among a group’s plays.',
    leaderboard: 'Leaderboard',
    testimonials: 'Testimonials',
    ledger: 'Ledger',
    metric: 'Board',
    metricPoints: 'Points',
    metricCheckins: 'Check-ins',
    metricStreak: 'Longest streak',
    metricInvites: 'Valid invites',
    periodDay: 'Today',
    periodWeek: 'This week',
    periodMonth: 'This month',
    periodAll: 'All time',
    allGroups: 'All groups',
    rank: 'Rank',
    member: 'Member',
    value: 'Value',
    emptyBoard: 'Nobody on this board for the period yet',
    emptyBoardHint: 'In the sandbox, switch on “Daily check-in” and “Points”, then send “打卡” as a pretend member.',
    emptyTestimonials:
      'No check-ins with content yet. A member who sends “打卡 + what they did today” leaves a testimonial.',
    at: 'Time',
    kind: 'Kind',
    amount: 'Amount',
    reason: 'Reason',
    play: 'Play',
    emptyLedger: 'The ledger is empty',
    points: 'Points',
    level: 'Level',
    checkIns: 'Check-ins',
    streak: 'Current streak',
    invites: 'Valid invites',
    badges: 'Badges',
    noBadges: 'No badges yet',
    adjust: 'Adjust points',
    adjustAmount: 'Change (negative to take away)',
    adjustReason: 'Reason (kept in the ledger)',
    engagementCard: 'Engagement',
    days: '{n} days',
    rewardsTab: 'Rewards',
    pendingRedemptions: 'Redemptions awaiting approval',
    noPending: 'Nothing awaits approval',
    rewards: 'Rewards',
    noRewards: 'No rewards yet; admins add them below',
    reward: 'Reward',
    cost: 'Points',
    stock: 'Stock',
    unlimited: 'Unlimited',
    approval: 'Approval',
    needsApproval: 'Needs approval',
    instant: 'Instant',
    offer: 'Offer reward',
    approve: 'Approve',
    decline: 'Decline',
    redeem: 'Redeem for them',
  },
};
