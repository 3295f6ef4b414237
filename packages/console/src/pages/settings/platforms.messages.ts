import type { Messages } from '../../i18n/index.js';

export const platformMessages: Messages<
  | 'intro'
  | 'platform'
  | 'state'
  | 'details'
  | 'sandbox'
  | 'telegram'
  | 'wechat'
  | 'sandboxNote'
  | 'openSandbox'
  | 'inProcess'
  | 'notConfigured'
  | 'notInBuild'
  | 'connecting'
  | 'connected'
  | 'disconnected'
  | 'failed'
  | 'as'
  | 'scanQr'
  | 'connect'
  | 'change'
  | 'remove'
  | 'removeConfirm'
  | 'removed'
  | 'saved'
  | 'saveFailed'
  | 'cancel'
  | 'save'
  | 'token'
  | 'tokenHelp'
  | 'keepSecret'
  | 'apiRoot'
  | 'apiRootHelp'
  | 'webhookUrl'
  | 'webhookUrlHelp'
  | 'puppet'
  | 'puppetHelp'
  | 'puppetToken'
  | 'wechatRisk'
  | 'required'
  | 'titleTelegram'
  | 'titleWechat'
  | 'storedSecret'
> = {
  'zh-CN': {
    intro:
      '每个社群可以为每个平台接入一个账号：一个 Telegram 机器人、一个微信号。令牌等密钥只保存在服务器上，这里只显示最后 4 位。',
    platform: '平台',
    state: '状态',
    details: '详情',
    sandbox: '沙盒',
    telegram: 'Telegram',
    wechat: '微信',
    sandboxNote: '内置的模拟群，用来试玩法，不连接任何真实平台。',
    openSandbox: '打开沙盒',
    inProcess: '已连接（进程内）',
    notConfigured: '未接入',
    notInBuild: '此服务器版本没有该平台的适配器',
    connecting: '连接中',
    connected: '已连接',
    disconnected: '已断开',
    failed: '失败',
    as: '账号：{name}',
    scanQr: '用要接入的微信扫码登录：',
    connect: '接入',
    change: '修改',
    remove: '移除',
    removeConfirm: '断开并移除这个连接？群和历史记录会保留。',
    removed: '连接已移除',
    saved: '已保存，正在连接…',
    saveFailed: '保存失败：{message}',
    cancel: '取消',
    save: '保存并连接',
    token: '机器人令牌',
    tokenHelp: '在 Telegram 里向 @BotFather 创建机器人后得到，形如 123456789:AAE…',
    keepSecret: '已保存 {hint}；留空则保持不变',
    apiRoot: 'Bot API 地址（可选）',
    apiRootHelp: '自建的 Bot API 服务器或模拟器；默认 https://api.telegram.org',
    webhookUrl: 'Webhook 地址（可选）',
    webhookUrlHelp: '填写后 Telegram 把消息推送到这里（需公网 https），否则用长轮询。本社群的地址：{url}',
    puppet: 'Wechaty puppet',
    puppetHelp: '例如 wechaty-puppet-service（配合令牌）或 wechaty-puppet-wechat4u',
    puppetToken: 'Puppet 令牌（可选）',
    wechatRisk:
      '个人微信没有官方机器人接口：自动化登录违反微信的使用条款，账号可能被限制或封禁。请用专门的小号，不要用主号；默认已放慢发送速度、限制每日条数、登录后先静默一段时间。',
    required: '必填',
    titleTelegram: '接入 Telegram 机器人',
    titleWechat: '接入微信号',
    storedSecret: '已保存的密钥',
  },
  en: {
    intro:
      'Each community can connect one account per platform: a Telegram bot, a WeChat account. Tokens and other secrets stay on the server; only their last 4 characters are shown here.',
    platform: 'Platform',
    state: 'State',
    details: 'Details',
    sandbox: 'Sandbox',
    telegram: 'Telegram',
    wechat: 'WeChat',
    sandboxNote: 'The built-in pretend group for trying plays; connected to no real platform.',
    openSandbox: 'Open the sandbox',
    inProcess: 'Connected (in-process)',
    notConfigured: 'Not connected',
    notInBuild: 'This server has no adapter for this platform',
    connecting: 'Connecting',
    connected: 'Connected',
    disconnected: 'Disconnected',
    failed: 'Failed',
    as: 'Account: {name}',
    scanQr: 'Scan with the WeChat account to connect:',
    connect: 'Connect',
    change: 'Change',
    remove: 'Remove',
    removeConfirm: 'Disconnect and remove this connection? Groups and history stay.',
    removed: 'Connection removed',
    saved: 'Saved; connecting…',
    saveFailed: 'Could not save: {message}',
    cancel: 'Cancel',
    save: 'Save and connect',
    token: 'Bot token',
    tokenHelp: 'From @BotFather in Telegram once you create the bot; looks like 123456789:AAE…',
    keepSecret: 'Stored {hint}; leave empty to keep it',
    apiRoot: 'Bot API address (optional)',
    apiRootHelp: 'A local Bot API server or an emulator; default https://api.telegram.org',
    webhookUrl: 'Webhook address (optional)',
    webhookUrlHelp:
      "With it, Telegram posts updates here (public https needed); without it, long polling. This community's address: {url}",
    puppet: 'Wechaty puppet',
    puppetHelp: 'e.g. wechaty-puppet-service (with a token) or wechaty-puppet-wechat4u',
    puppetToken: 'Puppet token (optional)',
    wechatRisk:
      'Personal WeChat has no official bot API: automating a login breaks WeChat’s terms, and the account may be restricted or banned. Use a dedicated account, never your main one; sending is slowed down, capped per day and quiet after login by default.',
    required: 'Required',
    titleTelegram: 'Connect a Telegram bot',
    titleWechat: 'Connect a WeChat account',
    storedSecret: 'Stored secrets',
  },
};
