import type { Messages } from '../../i18n/index.js';

export const messages: Messages<
  | 'title'
  | 'intro'
  | 'newImport'
  | 'file'
  | 'dropHint'
  | 'dropDetail'
  | 'format'
  | 'formatHint'
  | 'formatCsvHint'
  | 'map'
  | 'mapRequired'
  | 'auto'
  | 'fmtTelegram'
  | 'fmtDiscordJson'
  | 'fmtDiscordCsv'
  | 'fmtSlack'
  | 'fmtIrc'
  | 'fmtQq'
  | 'fmtWechat'
  | 'fmtJsonl'
  | 'fmtCsv'
  | 'tz'
  | 'tzHint'
  | 'tzInvalid'
  | 'group'
  | 'groupHint'
  | 'groupPlaceholder'
  | 'skipInvalid'
  | 'skipInvalidHint'
  | 'dryRun'
  | 'dryRunHint'
  | 'submit'
  | 'submitDry'
  | 'chooseFile'
  | 'uploading'
  | 'uploadFailed'
  | 'job'
  | 'noJob'
  | 'running'
  | 'done'
  | 'failed'
  | 'events'
  | 'eventsPerSecond'
  | 'rejectedSoFar'
  | 'summary'
  | 'summaryDry'
  | 'dryRunNote'
  | 'readEvents'
  | 'inserted'
  | 'duplicates'
  | 'rejected'
  | 'time'
  | 'seconds'
  | 'importFailed'
  | 'rejects'
  | 'rejectsNote'
  | 'colFile'
  | 'colLine'
  | 'colReason'
  | 'colText'
  | 'recent'
  | 'recentEmpty'
  | 'colState'
  | 'colFormat'
  | 'colStarted'
  | 'colDuration'
  | 'show'
> = {
  'zh-CN': {
    title: '导入聊天记录',
    intro:
      '上传一个群的聊天导出文件，把历史消息、入群和退群记录导入社群，用于分析活跃度、留存和生命周期。同一个文件导入两次不会重复记录。',
    newImport: '新的导入',
    file: '导出文件',
    dropHint: '点击或把文件拖到这里',
    dropDetail: '一次一个文件。Slack 请上传 .zip；IRC 请上传单个日志文件。',
    format: '格式',
    formatHint: '默认根据文件内容自动识别。',
    formatCsvHint: '通用 CSV：在下面填写列映射（哪一列是用户、时间、内容……）。',
    map: '列映射',
    mapRequired: '通用 CSV 需要列映射，至少 user=列名,at=列名',
    auto: '自动识别',
    fmtTelegram: 'Telegram（桌面版导出的 result.json）',
    fmtDiscordJson: 'Discord JSON（DiscordChatExporter）',
    fmtDiscordCsv: 'Discord CSV（DiscordChatExporter）',
    fmtSlack: 'Slack（工作区导出 .zip）',
    fmtIrc: 'IRC 日志（ZNC、irssi、WeeChat）',
    fmtQq: 'QQ（消息管理器导出的文本）',
    fmtWechat: '微信（WeChatMsg / 留痕 CSV）',
    fmtJsonl: '群主 JSONL',
    fmtCsv: '通用 CSV（需列映射）',
    tz: '时区',
    tzHint: '没有带时区的时间按这个时区理解；默认是社群的时区。',
    tzInvalid: '不是有效的 IANA 时区（例如 Asia/Shanghai）',
    group: '导入到群（可选）',
    groupHint: '填写后，所有记录都放进这个群（按群名称，没有就新建），不管导出文件里写的是哪个群。',
    groupPlaceholder: '留空：按导出文件里的群',
    skipInvalid: '跳过无效记录',
    skipInvalidHint: '关闭时，遇到第一条格式错误的记录就停止，这个文件什么都不会存；打开后跳过它们并列出原因。',
    dryRun: '试运行',
    dryRunHint: '只读取和检查，不存储任何内容。',
    submit: '开始导入',
    submitDry: '开始试运行',
    chooseFile: '请先选择一个文件。',
    uploading: '正在上传 {file}（{size}）…',
    uploadFailed: '上传失败：{message}',
    job: '导入进度',
    noJob: '还没有开始导入。在左侧选择文件，然后点「开始导入」。',
    running: '导入中',
    done: '已完成',
    failed: '失败',
    events: '已读取 {n} 个事件',
    eventsPerSecond: '{n} 个事件/秒',
    rejectedSoFar: '{n} 条无效记录',
    summary: '导入完成',
    summaryDry: '试运行完成',
    dryRunNote: '试运行：没有存储任何内容。正式导入时会写入这些事件（已经导入过的会被跳过）。',
    readEvents: '读取的事件',
    inserted: '新增',
    duplicates: '已存在（跳过）',
    rejected: '无效记录',
    time: '用时',
    seconds: '{n} 秒',
    importFailed: '导入失败，没有存储任何内容',
    rejects: '无效记录',
    rejectsNote: '显示前 {n} 条。',
    colFile: '文件',
    colLine: '行',
    colReason: '原因',
    colText: '内容',
    recent: '最近的导入',
    recentEmpty: '服务器启动以来还没有导入。上面选择一个导出文件开始第一次导入。',
    colState: '状态',
    colFormat: '格式',
    colStarted: '开始时间',
    colDuration: '用时',
    show: '查看',
  },
  en: {
    title: 'Import chat history',
    intro:
      "Upload a group's chat export to bring its messages, joins and leaves into the community, for activity rate, retention and lifecycle. Importing the same file twice adds nothing.",
    newImport: 'New import',
    file: 'Export file',
    dropHint: 'Click or drag a file here',
    dropDetail: 'One file at a time. Slack: upload the .zip; IRC: one log file.',
    format: 'Format',
    formatHint: 'Detected from the content unless you choose one.',
    formatCsvHint: 'Generic CSV: fill in the column mapping below (which column is the user, the time, the text…).',
    map: 'Column mapping',
    mapRequired: 'A generic CSV needs a column mapping, at least user=COLUMN,at=COLUMN',
    auto: 'Detect automatically',
    fmtTelegram: 'Telegram (Desktop export, result.json)',
    fmtDiscordJson: 'Discord JSON (DiscordChatExporter)',
    fmtDiscordCsv: 'Discord CSV (DiscordChatExporter)',
    fmtSlack: 'Slack (workspace export .zip)',
    fmtIrc: 'IRC log (ZNC, irssi, WeeChat)',
    fmtQq: 'QQ (Message Manager text export)',
    fmtWechat: 'WeChat (WeChatMsg / 留痕 CSV)',
    fmtJsonl: 'Qunzhu JSONL',
    fmtCsv: 'Generic CSV (needs a column mapping)',
    tz: 'Time zone',
    tzHint: "Times without an offset are read in this zone; the community's zone by default.",
    tzInvalid: 'Not an IANA time zone (e.g. Asia/Shanghai)',
    group: 'Into group (optional)',
    groupHint: 'When set, everything goes into this group (by name, created if needed), whatever the export says.',
    groupPlaceholder: 'Empty: the groups named in the export',
    skipInvalid: 'Skip invalid records',
    skipInvalidHint:
      'Off: the first malformed record stops the file and nothing of it is stored. On: such records are skipped and listed with the reason.',
    dryRun: 'Dry run',
    dryRunHint: 'Read and check only; nothing is stored.',
    submit: 'Start import',
    submitDry: 'Start dry run',
    chooseFile: 'Choose a file first.',
    uploading: 'Uploading {file} ({size})…',
    uploadFailed: 'Upload failed: {message}',
    job: 'Progress',
    noJob: 'No import started yet. Choose a file on the left, then press "Start import".',
    running: 'Running',
    done: 'Done',
    failed: 'Failed',
    events: '{n} events read',
    eventsPerSecond: '{n} events/s',
    rejectedSoFar: '{n} invalid records',
    summary: 'Import finished',
    summaryDry: 'Dry run finished',
    dryRunNote:
      'Dry run: nothing was stored. A real import would store these events (those imported before are skipped).',
    readEvents: 'Events read',
    inserted: 'New',
    duplicates: 'Already there (skipped)',
    rejected: 'Invalid records',
    time: 'Time',
    seconds: '{n} s',
    importFailed: 'The import failed; nothing was stored',
    rejects: 'Invalid records',
    rejectsNote: 'The first {n} are shown.',
    colFile: 'File',
    colLine: 'Line',
    colReason: 'Reason',
    colText: 'Text',
    recent: 'Recent imports',
    recentEmpty: 'No imports since the server started. Choose an export above to run the first one.',
    colState: 'State',
    colFormat: 'Format',
    colStarted: 'Started',
    colDuration: 'Duration',
    show: 'Show',
  },
};
