import type { Readable } from 'node:stream';
import { QunzhuError } from '@qunzhu/core';
import { parse } from 'csv-parse';
import type { ByteCounter, ImportOptions, ImportRecord, RejectedRecord } from '../types.js';
import type { CsvHeader } from './csv-header.js';
import { openText } from './source.js';

export type CsvRow =
  | { ok: true; line: number; record: Record<string, string> }
  | { ok: false; line: number; text: string; reason: string };

/**
 * Records of a CSV stream keyed by header, with the line each ends on (csv-parse's count; a CRLF
 * inside quotes counts twice there). Quoted fields may span lines. A record that cannot be parsed (wrong column count, a broken quote) is yielded as an error
 * and reading goes on where that is possible.
 */
export async function* readCsv(
  input: Readable,
  options: { delimiter?: string | string[]; columns?: string[]; relaxColumnCount?: boolean } = {},
): AsyncGenerator<CsvRow> {
  const errors: CsvRow[] = [];
  const parser = parse({
    bom: true,
    columns: options.columns ?? true,
    delimiter: options.delimiter ?? ',',
    relax_quotes: false,
    relax_column_count: options.relaxColumnCount ?? false,
    skip_empty_lines: true,
    trim: false,
    info: true,
    // An unclosed quote would otherwise buffer the rest of the file as one field.
    max_record_size: 1024 * 1024,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) {
        const e = error as Error & { lines?: number; record?: string[] };
        errors.push({ ok: false, line: e.lines ?? 0, text: (e.record ?? []).join(','), reason: e.message });
      }
      return undefined;
    },
  });
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const line = row.info.lines;
    // Keep file order: errors found before this record are yielded first, later ones wait.
    while (errors.length > 0 && (errors[0] as CsvRow).line < line) yield errors.shift() as CsvRow;
    yield { ok: true, line, record: row.record };
  }
  while (errors.length > 0) yield errors.shift() as CsvRow;
}

/** An error met while reading, as one a person can act on (a QunzhuError passes through). */
const readFailure = (path: string, error: unknown): QunzhuError =>
  error instanceof QunzhuError
    ? error
    : new QunzhuError('bad_input', `${path}: cannot be read as CSV: ${(error as Error).message ?? String(error)}`, {
        cause: error,
      });

/** What one row becomes; `reject(reason)` is the row as a rejected record, with its line and text. */
export type CsvRowReader = (record: Record<string, string>, reject: (reason: string) => RejectedRecord) => ImportRecord;

/**
 * The records of a CSV file whose header `readCsvHeader` read: each row through `toRecord`, rows that
 * cannot be parsed as rejected records. An error met on the way is thrown as bad_input.
 */
export async function* readCsvRecords(
  path: string,
  header: CsvHeader,
  input: { counter: ByteCounter; encoding: ImportOptions['encoding'] },
  toRecord: CsvRowReader,
): AsyncGenerator<ImportRecord> {
  try {
    const rows = readCsv(await openText(path, input.counter, input.encoding), { delimiter: header.delimiter });
    for await (const row of rows) {
      if (!row.ok) {
        yield { ok: false, file: path, line: row.line, text: row.text, reason: row.reason };
        continue;
      }
      const record = row.record;
      yield toRecord(record, (reason) => ({
        ok: false,
        file: path,
        line: row.line,
        text: Object.values(record).join(header.delimiter),
        reason,
      }));
    }
  } catch (error) {
    throw readFailure(path, error);
  }
}
