export { csvText, segmentCsv, UTF8_BOM } from './csv.js';
export { takeSegmentSnapshots } from './snapshots.js';
