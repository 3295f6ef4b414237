export {
  DerivedIds,
  jsonlRecordToEvent,
  type JsonlOptions,
  type JsonlRecord,
  jsonlRecordSchema,
  type ParsedRecord,
  parseJsonl,
  type RejectedRecord,
} from './jsonl/index.js';
export { type NumberedLine, readFileLines, readLines } from './lines.js';
