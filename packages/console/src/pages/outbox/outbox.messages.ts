import type { Messages } from '../../i18n/index.js';

export const outboxMessages: Messages<
  | 'title'
  | 'intro'
  | 'attention'
  | 'waiting'
  | 'all'
  | 'group'
  | 'play'
  | 'kind'
  | 'what'
  | 'status'
  | 'attempts'
  | 'error'
  | 'when'
  | 'retry'
  | 'dismiss'
  | 'retried'
  | 'dismissed'
  | 'failedOp'
  | 'empty'
  | 'pending'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'skipped'
  | 'unknown'
  | 'nextAttempt'
  | 'unknownHelp'
  | 'summary'
> = {
  'zh-CN': {
    title: '发件箱',
    intro:
      '玩法决定要做的动作（发消息、删除、禁言、移出……）在这里排队，按各平台的频率限制依次发出；网络出错会自动重试，多次失败后停下并在这里提醒。',
    attention: '需要处理',
    waiting: '排队中',
    all: '全部',
    group: '群',
    play: '玩法',
    kind: '动作',
    what: '内容',
    status: '状态',
    attempts: '尝试次数',
    error: '原因',
    when: '时间',
    retry: '重试',
    dismiss: '忽略',
    retried: '已重新排队',
    dismissed: '已忽略',
    failedOp: '操作失败：{message}',
    empty: '没有需要处理的动作',
    pending: '排队中',
    sending: '发送中',
    sent: '已发送',
    failed: '失败',
    skipped: '已跳过',
    unknown: '不确定',
    nextAttempt: '下次尝试 {time}',
    unknownHelp:
      '“不确定”：服务在调用平台时中断，这条消息可能已经发出、也可能没有。请到群里看一眼：已发出就点“忽略”，没发出就点“重试”。',
    summary: '需要处理 {attention} 条 · 排队中 {pending} 条 · 发送中 {sending} 条',
  },
  en: {
    title: 'Outbox',
    intro:
      'What plays decide to do (send, delete, mute, remove…) waits here and goes out within each platform’s rate limits; network errors are retried, and an action that keeps failing stops and is shown here.',
    attention: 'Needs attention',
    waiting: 'Waiting',
    all: 'All',
    group: 'Group',
    play: 'Play',
    kind: 'Action',
    what: 'Content',
    status: 'Status',
    attempts: 'Attempts',
    error: 'Reason',
    when: 'Time',
    retry: 'Retry',
    dismiss: 'Dismiss',
    retried: 'Queued again',
    dismissed: 'Dismissed',
    failedOp: 'Could not do that: {message}',
    empty: 'Nothing needs attention',
    pending: 'Waiting',
    sending: 'Sending',
    sent: 'Sent',
    failed: 'Failed',
    skipped: 'Skipped',
    unknown: 'Unknown',
    nextAttempt: 'next attempt {time}',
    unknownHelp:
      '“Unknown”: the server stopped during the platform call, so the message may or may not have gone out. Look in the group: if it is there, dismiss; if not, retry.',
    summary: '{attention} need attention · {pending} waiting · {sending} sending',
  },
};
