import type { Messages } from '../../i18n/index.js';

export const messages: Messages<
  | 'title'
  | 'tabCommunity'
  | 'tabUsers'
  | 'tabTokens'
  | 'tabPlatforms'
  | 'tabAccount'
  | 'name'
  | 'timezone'
  | 'timezoneHint'
  | 'timezoneInvalid'
  | 'language'
  | 'languageHint'
  | 'save'
  | 'saved'
  | 'failed'
  | 'usersIntro'
  | 'email'
  | 'userName'
  | 'role'
  | 'actions'
  | 'you'
  | 'remove'
  | 'removeConfirm'
  | 'removed'
  | 'removeNeedsOwner'
  | 'roleChanged'
  | 'roleLocked'
  | 'invite'
  | 'inviteIntro'
  | 'inviteButton'
  | 'invited'
  | 'namePlaceholder'
  | 'usersEmpty'
  | 'tempTitle'
  | 'tempBody'
  | 'tempPassword'
  | 'ok'
  | 'tokensIntro'
  | 'tokenName'
  | 'tokenNamePlaceholder'
  | 'created'
  | 'lastUsed'
  | 'status'
  | 'active'
  | 'revoked'
  | 'revoke'
  | 'revokeConfirm'
  | 'revokedOk'
  | 'createToken'
  | 'tokensEmpty'
  | 'tokenTitle'
  | 'tokenBody'
  | 'tokenUsage'
  | 'never'
> = {
  'zh-CN': {
    title: '设置',
    tabCommunity: '社群',
    tabUsers: '用户与角色',
    tabTokens: 'API 令牌',
    tabPlatforms: '平台连接',
    tabAccount: '我的账号',
    name: '社群名称',
    timezone: '时区',
    timezoneHint: '按这个时区切分每天、每周的统计。修改后会按新时区重新计算。',
    timezoneInvalid: '不是有效的 IANA 时区（例如 Asia/Shanghai）',
    language: '社群语言',
    languageHint: '机器人消息（如欢迎语）默认使用的语言。控制台的显示语言在右上角切换。',
    save: '保存',
    saved: '已保存',
    failed: '失败：{message}',
    usersIntro: '能登录控制台管理这个社群的人。群主可以授予任何角色；管理员可以授予管家和观察者。只有群主能移除用户。',
    email: '邮箱',
    userName: '名字',
    role: '角色',
    actions: '操作',
    you: '你',
    remove: '移除',
    removeConfirm: '移除 {email} 在这个社群的角色？',
    removed: '已移除',
    removeNeedsOwner: '只有群主能移除用户',
    roleChanged: '角色已更新',
    roleLocked: '只有群主能修改管理员和群主的角色',
    invite: '邀请用户',
    inviteIntro: '输入邮箱和角色。没有账号的人会得到一个临时密码（只显示一次）。',
    inviteButton: '邀请',
    invited: '已授予 {email}「{role}」角色',
    namePlaceholder: '名字（可选）',
    usersEmpty: '还没有其他用户。用下面的表单邀请同事。',
    tempTitle: '新账号的临时密码',
    tempBody: '请通过私密渠道把邮箱和临时密码告诉对方，并请对方登录后在「设置 → 我的账号」里改掉它。关闭后不会再显示。',
    tempPassword: '临时密码',
    ok: '我已记下',
    tokensIntro:
      'API 令牌给脚本和其他程序使用，只对这个社群有效。请求时带上 "Authorization: Bearer <令牌>"。令牌只在创建时显示一次。',
    tokenName: '名称',
    tokenNamePlaceholder: '例如：每周报表脚本',
    created: '创建时间',
    lastUsed: '最近使用',
    status: '状态',
    active: '有效',
    revoked: '已吊销',
    revoke: '吊销',
    revokeConfirm: '吊销令牌「{name}」？使用它的程序将立即失去访问权限。',
    revokedOk: '已吊销',
    createToken: '创建令牌',
    tokensEmpty: '还没有 API 令牌。需要让脚本读取数据时，在下面创建一个。',
    tokenTitle: '新的 API 令牌',
    tokenBody: '请现在复制并妥善保存。关闭后不会再显示。',
    tokenUsage: '用法示例',
    never: '从未',
  },
  en: {
    title: 'Settings',
    tabCommunity: 'Community',
    tabUsers: 'Users and roles',
    tabTokens: 'API tokens',
    tabPlatforms: 'Platform connections',
    tabAccount: 'My account',
    name: 'Community name',
    timezone: 'Time zone',
    timezoneHint: 'Days and weeks of the statistics are cut in this zone. Changing it recomputes them.',
    timezoneInvalid: 'Not an IANA time zone (e.g. Asia/Shanghai)',
    language: 'Community language',
    languageHint:
      "The default language of the bot's messages (e.g. the welcome). The console's own language is switched at the top right.",
    save: 'Save',
    saved: 'Saved',
    failed: 'Failed: {message}',
    usersIntro:
      'People who can log in to the console for this community. Owners grant any role; admins grant steward and viewer. Only owners remove users.',
    email: 'Email',
    userName: 'Name',
    role: 'Role',
    actions: 'Actions',
    you: 'you',
    remove: 'Remove',
    removeConfirm: "Remove {email}'s role in this community?",
    removed: 'Removed',
    removeNeedsOwner: 'Only owners can remove users',
    roleChanged: 'Role updated',
    roleLocked: 'Only owners can change the role of an admin or owner',
    invite: 'Invite a user',
    inviteIntro: 'Enter an email and a role. Someone without an account gets a temporary password (shown once).',
    inviteButton: 'Invite',
    invited: '{email} now has the {role} role',
    namePlaceholder: 'Name (optional)',
    usersEmpty: 'No other users yet. Invite a colleague with the form below.',
    tempTitle: 'Temporary password for the new account',
    tempBody:
      'Pass the email and this password on over a private channel, and ask them to change it in Settings → My account. It is not shown again after you close this.',
    tempPassword: 'Temporary password',
    ok: 'I have noted it',
    tokensIntro:
      'API tokens are for scripts and other programs, valid for this community only. Send "Authorization: Bearer <token>". A token is shown once, when created.',
    tokenName: 'Name',
    tokenNamePlaceholder: 'e.g. weekly report script',
    created: 'Created',
    lastUsed: 'Last used',
    status: 'Status',
    active: 'Active',
    revoked: 'Revoked',
    revoke: 'Revoke',
    revokeConfirm: 'Revoke the token "{name}"? Programs using it lose access at once.',
    revokedOk: 'Revoked',
    createToken: 'Create token',
    tokensEmpty: 'No API tokens yet. Create one below when a script needs to read data.',
    tokenTitle: 'New API token',
    tokenBody: 'Copy it now and keep it safe. It is not shown again after you close this.',
    tokenUsage: 'Example',
    never: 'Never',
  },
};
