import type { Messages } from '../../i18n/index.js';

type Key =
  | 'title'
  | 'intro'
  | 'tabViolations'
  | 'tabJoinRequests'
  | 'tabBlocklist'
  | 'tabRoles'
  | 'failed'
  | 'done'
  | 'actions'
  | 'member'
  | 'group'
  | 'communityWide'
  | 'time'
  | 'reason'
  | 'message'
  | 'penalty'
  | 'outcome'
  | 'status'
  | 'violationsEmpty'
  | 'confirm'
  | 'restore'
  | 'restored'
  | 'confirmed'
  | 'open'
  | 'decisionReason'
  | 'decisionReasonPlaceholder'
  | 'restoreTitle'
  | 'confirmTitle'
  | 'restoreHelp'
  | 'penaltyWarn'
  | 'penaltyMute'
  | 'penaltyRemove'
  | 'penaltyBlocklist'
  | 'outcomeDone'
  | 'outcomeAlerted'
  | 'outcomeSent'
  | 'count'
  | 'joinEmpty'
  | 'answers'
  | 'username'
  | 'approve'
  | 'decline'
  | 'approved'
  | 'declined'
  | 'blocklistEmpty'
  | 'identities'
  | 'source'
  | 'added'
  | 'remove'
  | 'removeConfirm'
  | 'addToBlocklist'
  | 'byMemberId'
  | 'byIdentity'
  | 'memberId'
  | 'platform'
  | 'platformUserId'
  | 'displayName'
  | 'add'
  | 'import'
  | 'importHelp'
  | 'importPlaceholder'
  | 'imported'
  | 'exportCsv'
  | 'exportJson'
  | 'lineErrors'
  | 'rolesEmpty'
  | 'role'
  | 'addRole'
  | 'rolePlaceholder'
  | 'groupPlaceholder'
  | 'removed'
  | 'sourceOperator'
  | 'sourceImport'
  | 'sourceLadder';

export const moderationMessages: Messages<Key> = {
  'zh-CN': {
    title: '秩序',
    intro:
      '违规记录、入群审核、黑名单和成员角色。处罚由「违规处罚阶梯」玩法执行；平台做不到的（如微信无法删除他人消息），会提醒管家处理。',
    tabViolations: '违规记录',
    tabJoinRequests: '入群申请',
    tabBlocklist: '黑名单',
    tabRoles: '成员角色',
    failed: '操作失败：{message}',
    done: '已完成',
    actions: '操作',
    member: '成员',
    group: '群',
    communityWide: '全社群',
    time: '时间',
    reason: '原因',
    message: '消息',
    penalty: '处罚',
    outcome: '执行',
    status: '状态',
    violationsEmpty: '暂无违规记录。开启「违规处罚阶梯」和检测类玩法（反广告、静默时段）后，违规会出现在这里。',
    confirm: '确认违规',
    restore: '撤销处罚',
    restored: '已撤销',
    confirmed: '已确认',
    open: '待复核',
    decisionReason: '说明',
    decisionReasonPlaceholder: '例如：误判，正常讨论',
    restoreTitle: '撤销这次处罚？',
    confirmTitle: '确认这是违规？',
    restoreHelp: '撤销会写入一笔冲正流水，不再计入违规次数；禁言会被解除，黑名单会被移除。已移出的成员需重新邀请。',
    penaltyWarn: '警告',
    penaltyMute: '禁言',
    penaltyRemove: '移出',
    penaltyBlocklist: '拉黑',
    outcomeDone: '已执行',
    outcomeAlerted: '已提醒管家',
    outcomeSent: '已发送',
    count: '第 {n} 次',
    joinEmpty: '没有待审核的入群申请。',
    answers: '回答',
    username: '用户名',
    approve: '通过',
    decline: '拒绝',
    approved: '已通过',
    declined: '已拒绝',
    blocklistEmpty: '黑名单为空。',
    identities: '平台身份',
    source: '来源',
    added: '加入时间',
    remove: '移除',
    removeConfirm: '把 {name} 移出黑名单？',
    addToBlocklist: '加入黑名单',
    byMemberId: '按成员编号',
    byIdentity: '按平台身份',
    memberId: '成员编号',
    platform: '平台',
    platformUserId: '平台用户 ID',
    displayName: '名称',
    add: '添加',
    import: '导入',
    importHelp:
      'CSV（表头：platform,platform_user_id,display_name,reason 或 member_id,reason）或 JSON 数组。任一行有误则全部不导入，并指出出错的行。',
    importPlaceholder: '粘贴 CSV 或 JSON',
    imported: '已导入 {lines} 行，新增 {added} 人',
    exportCsv: '导出 CSV',
    exportJson: '导出 JSON',
    lineErrors: '第 {line} 行：{message}',
    rolesEmpty: '还没有设置成员角色。',
    role: '角色',
    addRole: '设置角色',
    rolePlaceholder: '如 steward、售后',
    groupPlaceholder: '全社群',
    removed: '已移除',
    sourceOperator: '手动添加',
    sourceImport: '导入',
    sourceLadder: '处罚阶梯',
  },
  en: {
    title: 'Moderation',
    intro:
      'Violations, join requests, the blocklist and member roles. The penalty ladder play decides penalties; where a platform cannot act (WeChat cannot delete others’ messages), stewards are alerted instead.',
    tabViolations: 'Violations',
    tabJoinRequests: 'Join requests',
    tabBlocklist: 'Blocklist',
    tabRoles: 'Roles',
    failed: 'Failed: {message}',
    done: 'Done',
    actions: 'Actions',
    member: 'Member',
    group: 'Group',
    communityWide: 'Whole community',
    time: 'Time',
    reason: 'Reason',
    message: 'Message',
    penalty: 'Penalty',
    outcome: 'Carried out',
    status: 'Status',
    violationsEmpty:
      'No violations yet. They appear here once the penalty ladder and a detecting play (anti-spam, quiet hours) are on.',
    confirm: 'Confirm',
    restore: 'Restore',
    restored: 'Restored',
    confirmed: 'Confirmed',
    open: 'To review',
    decisionReason: 'Note',
    decisionReasonPlaceholder: 'e.g. a false alarm, normal talk',
    restoreTitle: 'Restore this member?',
    confirmTitle: 'Confirm this violation?',
    restoreHelp:
      'A restore appends a reversing ledger entry, so the violation no longer counts; a mute is lifted and a blocklisting undone. A removed member must be invited again.',
    penaltyWarn: 'Warning',
    penaltyMute: 'Mute',
    penaltyRemove: 'Removal',
    penaltyBlocklist: 'Blocklist',
    outcomeDone: 'Done',
    outcomeAlerted: 'Stewards alerted',
    outcomeSent: 'Sent',
    count: 'No. {n}',
    joinEmpty: 'No join requests are waiting.',
    answers: 'Answers',
    username: 'Username',
    approve: 'Approve',
    decline: 'Decline',
    approved: 'Approved',
    declined: 'Declined',
    blocklistEmpty: 'The blocklist is empty.',
    identities: 'Identities',
    source: 'Source',
    added: 'Added',
    remove: 'Remove',
    removeConfirm: 'Take {name} off the blocklist?',
    addToBlocklist: 'Add to the blocklist',
    byMemberId: 'By member id',
    byIdentity: 'By platform identity',
    memberId: 'Member id',
    platform: 'Platform',
    platformUserId: 'Platform user id',
    displayName: 'Name',
    add: 'Add',
    import: 'Import',
    importHelp:
      'CSV (header platform,platform_user_id,display_name,reason or member_id,reason) or a JSON array. If any line is wrong nothing is imported, and the wrong lines are named.',
    importPlaceholder: 'Paste CSV or JSON',
    imported: 'Imported {lines} lines, {added} newly listed',
    exportCsv: 'Export CSV',
    exportJson: 'Export JSON',
    lineErrors: 'Line {line}: {message}',
    rolesEmpty: 'No member roles yet.',
    role: 'Role',
    addRole: 'Give a role',
    rolePlaceholder: 'e.g. steward, after-sales',
    groupPlaceholder: 'Whole community',
    removed: 'Removed',
    sourceOperator: 'Added by hand',
    sourceImport: 'Imported',
    sourceLadder: 'Penalty ladder',
  },
};
