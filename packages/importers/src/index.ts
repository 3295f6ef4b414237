export {
  DerivedIds,
  type JsonlOptions,
  type JsonlRecord,
  jsonlRecordSchema,
  jsonlRecordToEvent,
  type ParsedRecord,
  parseJsonl,
  type RejectedRecord,
} from './jsonl/index.js';
export { type NumberedLine, readFileLines, readLines } from './lines.js';
