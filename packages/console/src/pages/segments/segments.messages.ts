import type { Messages } from '../../i18n/index.js';

export const segmentsMessages: Messages<
  | 'title'
  | 'intro'
  | 'segmentsTab'
  | 'pondsTab'
  | 'name'
  | 'description'
  | 'size'
  | 'sizeOn'
  | 'notMeasured'
  | 'newSegment'
  | 'edit'
  | 'delete'
  | 'deleteConfirm'
  | 'save'
  | 'cancel'
  | 'preview'
  | 'members'
  | 'member'
  | 'firstSeen'
  | 'lastSeen'
  | 'exportCsv'
  | 'openInMembers'
  | 'sizesOverTime'
  | 'noSegments'
  | 'noSegmentsHint'
  | 'pickSegment'
  | 'layers'
  | 'layerActive'
  | 'layerParticipant'
  | 'layerObserver'
  | 'layerLurker'
  | 'loyaltyLayers'
  | 'loyaltyLoyal'
  | 'loyaltyHigh'
  | 'loyaltyMedium'
  | 'loyaltyLow'
  | 'loyaltyNone'
  | 'tagsAny'
  | 'tagsAll'
  | 'tagsNone'
  | 'activity'
  | 'activityDays'
  | 'activityMessages'
  | 'lastActiveFrom'
  | 'lastActiveBefore'
  | 'points'
  | 'pointsMin'
  | 'pointsMax'
  | 'joined'
  | 'groups'
  | 'groupTypes'
  | 'platforms'
  | 'search'
  | 'typeLead'
  | 'typeConversion'
  | 'typeFan'
  | 'typeFlash'
  | 'typeRepurchase'
  | 'typeOther'
  | 'pond'
  | 'ponds'
  | 'pondsIntro'
  | 'newPond'
  | 'segment'
  | 'targetGroup'
  | 'joinLink'
  | 'joinLinkHint'
  | 'template'
  | 'templateHint'
  | 'perMessage'
  | 'cooldownDays'
  | 'inTarget'
  | 'waiting'
  | 'unreachable'
  | 'invited'
  | 'converted'
  | 'invite'
  | 'inviteResult'
  | 'noPonds'
  | 'create'
  | 'recentInvites'
  | 'joinedYes'
  | 'joinedNo'
  | 'invitedAt'
> = {
  'zh-CN': {
    title: '分群与鱼塘',
    intro:
      '分群是保存下来的成员筛选条件：分层、标签、活跃度、积分、入群时间、所在群。每天本地零点记录一次人数，可导出 CSV。鱼塘把一个分群和一个话题群配对，邀请还不在群里的成员加入。',
    segmentsTab: '分群',
    pondsTab: '鱼塘',
    name: '名称',
    description: '说明',
    size: '人数',
    sizeOn: '{day} 人数',
    notMeasured: '尚未统计',
    newSegment: '新建分群',
    edit: '编辑',
    delete: '删除',
    deleteConfirm: '删除这个分群？它的人数记录和鱼塘也会一起删除。',
    save: '保存',
    cancel: '取消',
    preview: '当前符合条件：{n} 人',
    members: '成员',
    member: '成员',
    firstSeen: '首次出现',
    lastSeen: '最近出现',
    exportCsv: '导出 CSV',
    openInMembers: '在成员列表中打开',
    sizesOverTime: '人数变化',
    noSegments: '还没有分群',
    noSegmentsHint: '新建一个分群，例如「标签：摄影」或「最近 7 天没发言的活跃者」。',
    pickSegment: '选择左侧的分群查看成员与人数变化。',
    layers: '分层',
    layerActive: '活跃者',
    layerParticipant: '参与者',
    layerObserver: '关注者',
    layerLurker: '潜水者',
    loyaltyLayers: '忠诚度分层',
    loyaltyLoyal: '忠实',
    loyaltyHigh: '高',
    loyaltyMedium: '中',
    loyaltyLow: '低',
    loyaltyNone: '无',
    tagsAny: '含任一标签',
    tagsAll: '含全部标签',
    tagsNone: '不含标签',
    activity: '近期发言',
    activityDays: '最近天数',
    activityMessages: '至少发言条数',
    lastActiveFrom: '最近出现不早于',
    lastActiveBefore: '最近出现早于',
    points: '积分',
    pointsMin: '最少',
    pointsMax: '最多',
    joined: '首次出现日期',
    groups: '在以下任一群中',
    groupTypes: '所在群类型',
    platforms: '平台',
    search: '名称或 ID',
    typeLead: '引流群',
    typeConversion: '转化群',
    typeFan: '粉丝群',
    typeFlash: '快闪群',
    typeRepurchase: '复购群',
    typeOther: '其他',
    pond: '鱼塘',
    ponds: '鱼塘',
    pondsIntro:
      '把分群里还没进目标群的成员邀请进去：在他们所在的群里批量 @ 并附上入群链接（经发件箱限速发送），冷却期内不会重复邀请同一个人，并统计之后有多少人入群。',
    newPond: '新建鱼塘',
    segment: '分群',
    targetGroup: '目标群',
    joinLink: '入群链接',
    joinLinkHint: '运营提供的入群链接，或活码地址（/j/…）',
    template: '邀请文案',
    templateHint: '可用 {mentions}、{group}、{link}；留空用默认文案',
    perMessage: '每条 @ 人数',
    cooldownDays: '冷却天数',
    inTarget: '已在群',
    waiting: '待邀请',
    unreachable: '无法触达',
    invited: '已邀请',
    converted: '已转化',
    invite: '邀请 {n} 人',
    inviteResult: '已邀请 {invited} 人，{messages} 条消息（{groups} 个群）已进入发件箱。',
    noPonds: '还没有鱼塘',
    create: '创建',
    recentInvites: '最近邀请',
    joinedYes: '已入群',
    joinedNo: '未入群',
    invitedAt: '邀请时间',
  },
  en: {
    title: 'Segments and ponds',
    intro:
      'A segment is a saved member filter: layer, tags, activity, points, join date, groups. Its size is recorded each local midnight, and it exports as CSV. A pond pairs a segment with a topic group and invites the members not in it yet.',
    segmentsTab: 'Segments',
    pondsTab: 'Ponds',
    name: 'Name',
    description: 'Description',
    size: 'Size',
    sizeOn: 'Size on {day}',
    notMeasured: 'Not measured yet',
    newSegment: 'New segment',
    edit: 'Edit',
    delete: 'Delete',
    deleteConfirm: 'Delete this segment? Its sizes and ponds go with it.',
    save: 'Save',
    cancel: 'Cancel',
    preview: 'Matching now: {n} members',
    members: 'Members',
    member: 'Member',
    firstSeen: 'First seen',
    lastSeen: 'Last seen',
    exportCsv: 'Export CSV',
    openInMembers: 'Open in Members',
    sizesOverTime: 'Size over time',
    noSegments: 'No segments yet',
    noSegmentsHint: 'Make one, such as “tag: photography” or “active members silent for 7 days”.',
    pickSegment: 'Pick a segment on the left to see its members and size over time.',
    layers: 'Layers',
    layerActive: 'Active',
    layerParticipant: 'Participant',
    layerObserver: 'Observer',
    layerLurker: 'Lurker',
    loyaltyLayers: 'Loyalty layers',
    loyaltyLoyal: 'Loyal',
    loyaltyHigh: 'High',
    loyaltyMedium: 'Medium',
    loyaltyLow: 'Low',
    loyaltyNone: 'None',
    tagsAny: 'Any of the tags',
    tagsAll: 'All of the tags',
    tagsNone: 'None of the tags',
    activity: 'Recent messages',
    activityDays: 'Last days',
    activityMessages: 'At least messages',
    lastActiveFrom: 'Last seen on or after',
    lastActiveBefore: 'Last seen before',
    points: 'Points',
    pointsMin: 'Min',
    pointsMax: 'Max',
    joined: 'First seen between',
    groups: 'In any of these groups',
    groupTypes: 'In a group of type',
    platforms: 'Platforms',
    search: 'Name or id',
    typeLead: 'Lead',
    typeConversion: 'Conversion',
    typeFan: 'Fan',
    typeFlash: 'Flash',
    typeRepurchase: 'Repurchase',
    typeOther: 'Other',
    pond: 'Pond',
    ponds: 'Ponds',
    pondsIntro:
      'Invite a segment’s members who are not in the target group yet: batched @mentions with the join link in the groups where they are (sent through the rate-limited outbox), nobody invited twice within the cooldown, and a count of who joined afterwards.',
    newPond: 'New pond',
    segment: 'Segment',
    targetGroup: 'Target group',
    joinLink: 'Join link',
    joinLinkHint: 'A join link you give, or a live code URL (/j/…)',
    template: 'Invitation text',
    templateHint: '{mentions}, {group}, {link} are filled in; empty: the default text',
    perMessage: '@mentions per message',
    cooldownDays: 'Cooldown days',
    inTarget: 'In the group',
    waiting: 'To invite',
    unreachable: 'Unreachable',
    invited: 'Invited',
    converted: 'Joined',
    invite: 'Invite {n}',
    inviteResult: 'Invited {invited}: {messages} messages in {groups} groups are in the outbox.',
    noPonds: 'No ponds yet',
    create: 'Create',
    recentInvites: 'Recent invitations',
    joinedYes: 'Joined',
    joinedNo: 'Not yet',
    invitedAt: 'Invited at',
  },
};
