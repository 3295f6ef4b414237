export { csvImporter } from './formats/csv/index.js';
export { discordCsvImporter, discordJsonImporter } from './formats/discord/index.js';
export { ircImporter } from './formats/irc/index.js';
export {
  type JsonlOptions,
  type JsonlRecord,
  jsonlImporter,
  jsonlRecordSchema,
  jsonlRecordToEvent,
} from './formats/jsonl/index.js';
export { qqImporter } from './formats/qq/index.js';
export { slackImporter } from './formats/slack/index.js';
export { botApiChatId } from './formats/telegram/events.js';
export { telegramImporter } from './formats/telegram/index.js';
export { wechatImporter } from './formats/wechat/index.js';
export { detectImporter, importerFor, importers, inputSize, probeInput } from './registry.js';
export { parseCsvMapping } from './shared/csv-mapping.js';
export { DerivedIds } from './shared/derive-id.js';
export {
  detectEncoding,
  type NumberedLine,
  openText,
  readFileLines,
  readLines,
  readTextLines,
} from './shared/source.js';
export { checkTimeZone, parseLocalOrIso, zonedTime } from './shared/time.js';
export {
  type ByteCounter,
  type CsvMapping,
  IMPORT_FORMATS,
  type ImportedRecord,
  type Importer,
  type ImportFormat,
  type ImportOptions,
  type ImportRecord,
  type ImportSource,
  type Probe,
  type RejectedRecord,
} from './types.js';
