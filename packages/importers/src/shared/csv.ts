import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

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
