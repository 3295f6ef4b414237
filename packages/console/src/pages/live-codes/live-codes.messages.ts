import type { Messages } from '../../i18n/index.js';

export const liveCodesMessages: Messages<
  | 'title'
  | 'intro'
  | 'create'
  | 'name'
  | 'code'
  | 'codeHint'
  | 'channels'
  | 'channelsHint'
  | 'empty'
  | 'emptyHint'
  | 'active'
  | 'paused'
  | 'link'
  | 'download'
  | 'downloadFor'
  | 'noChannel'
  | 'delete'
  | 'deleteConfirm'
  | 'pool'
  | 'group'
  | 'platform'
  | 'capacity'
  | 'unlimited'
  | 'fill'
  | 'fillHint'
  | 'status'
  | 'statusOk'
  | 'statusFull'
  | 'statusExpired'
  | 'statusNoQr'
  | 'statusNoLink'
  | 'statusOff'
  | 'qrOrLink'
  | 'uploadQr'
  | 'replaceQr'
  | 'qrExpires'
  | 'autoLink'
  | 'recount'
  | 'up'
  | 'down'
  | 'remove'
  | 'addGroup'
  | 'chooseGroup'
  | 'joinUrlOptional'
  | 'add'
  | 'stats'
  | 'statsHint'
  | 'visits'
  | 'routed'
  | 'turnedAway'
  | 'joins'
  | 'noStats'
  | 'exhausted'
  | 'save'
  | 'uploaded'
> = {
  'zh-CN': {
    title: '活码',
    intro:
      '一个固定的链接和二维码，背后是按顺序排列的一组群：群满员（微信群默认 200 人、企业微信 500 人）或群二维码过期（上传后 7 天）时自动换到下一个群；二维码过期前一天提醒管家。加上 ?ch=渠道名 可以按渠道统计访问。',
    create: '新建活码',
    name: '名称',
    code: '链接代码（可选）',
    codeHint: '留空则随机生成 8 位',
    channels: '渠道',
    channelsHint: '输入渠道名后回车，如 poster-a',
    empty: '还没有活码',
    emptyHint: '新建一个活码，把群加入群池，再把链接或二维码放到海报和文章里。',
    active: '启用中',
    paused: '已停用',
    link: '链接',
    download: '下载二维码',
    downloadFor: '链接渠道',
    noChannel: '不带渠道',
    delete: '删除',
    deleteConfirm: '删除这个活码？链接将失效，访问统计也会删除。',
    pool: '群池（按顺序分配）',
    group: '群',
    platform: '平台',
    capacity: '容量',
    unlimited: '不限',
    fill: '已满程度',
    fillHint: '取群内已知成员数与「起始人数 + 经活码分配的人数」中较大的一个',
    status: '状态',
    statusOk: '可分配',
    statusFull: '已满',
    statusExpired: '二维码已过期',
    statusNoQr: '缺少二维码',
    statusNoLink: '等待入群链接',
    statusOff: '已停用',
    qrOrLink: '二维码 / 链接',
    uploadQr: '上传群二维码',
    replaceQr: '更换二维码',
    qrExpires: '{time} 过期',
    autoLink: '自动创建邀请链接',
    recount: '重新计数',
    up: '上移',
    down: '下移',
    remove: '移出',
    addGroup: '加入群',
    chooseGroup: '选择群',
    joinUrlOptional: '入群链接（可选，Telegram 留空则自动创建）',
    add: '加入',
    stats: '渠道数据（近 30 天）',
    statsHint:
      '入群数只统计能识别来源的入群：Telegram 通过活码为各渠道创建的专属邀请链接入群。微信扫群二维码入群时平台不告诉我们来自哪个渠道，只能统计访问。',
    visits: '访问',
    routed: '分配到群',
    turnedAway: '群满未分配',
    joins: '入群',
    noStats: '还没有访问',
    exhausted: '所有群都已满员或二维码已过期，访客现在进不了群（自 {time}）',
    save: '保存',
    uploaded: '已上传',
  },
  en: {
    title: 'Live codes',
    intro:
      'One fixed link and QR code in front of an ordered pool of groups: when a group is full (WeChat 200 by default, WeCom 500) or its group QR has expired (7 days after upload), visitors go to the next; stewards are reminded a day before a QR expires. Add ?ch=channel to count visits per channel.',
    create: 'New live code',
    name: 'Name',
    code: 'Code (optional)',
    codeHint: 'Empty: 8 random characters',
    channels: 'Channels',
    channelsHint: 'Type a channel and press Enter, e.g. poster-a',
    empty: 'No live codes yet',
    emptyHint: 'Create one, add groups to its pool, then put its link or QR code on posters and articles.',
    active: 'Active',
    paused: 'Paused',
    link: 'Link',
    download: 'Download QR',
    downloadFor: 'For channel',
    noChannel: 'No channel',
    delete: 'Delete',
    deleteConfirm: 'Delete this live code? Its link stops working and its visit counts are deleted.',
    pool: 'Pool (filled in order)',
    group: 'Group',
    platform: 'Platform',
    capacity: 'Capacity',
    unlimited: 'No limit',
    fill: 'Fill',
    fillHint: 'The larger of the members Qunzhu knows in the group and the starting count plus visitors sent there',
    status: 'Status',
    statusOk: 'Takes visitors',
    statusFull: 'Full',
    statusExpired: 'QR expired',
    statusNoQr: 'No QR yet',
    statusNoLink: 'Waiting for a join link',
    statusOff: 'Off',
    qrOrLink: 'QR / link',
    uploadQr: 'Upload group QR',
    replaceQr: 'Replace QR',
    qrExpires: 'expires {time}',
    autoLink: 'invite links made by Qunzhu',
    recount: 'Recount',
    up: 'Up',
    down: 'Down',
    remove: 'Remove',
    addGroup: 'Add a group',
    chooseGroup: 'Choose a group',
    joinUrlOptional: 'Join link (optional; empty on Telegram: Qunzhu creates one)',
    add: 'Add',
    stats: 'Channels (last 30 days)',
    statsHint:
      'Joins count only where the source is known: on Telegram, joins through the named invite link the live code made for a channel. A WeChat group QR scan does not tell the channel, so WeChat shows visits only.',
    visits: 'Visits',
    routed: 'Sent to a group',
    turnedAway: 'Turned away (full)',
    joins: 'Joins',
    noStats: 'No visits yet',
    exhausted: 'Every group is full or its QR has expired: visitors cannot join now (since {time})',
    save: 'Save',
    uploaded: 'Uploaded',
  },
};
