export { benchIngest, type IngestBenchRow } from './bench/ingest.js';
export { EXIT, reportError } from './exit.js';
