import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

export type CsvRow =
  | { ok: true; line: number; record: Record<string, string> }
  | { ok: false; line: number; text: string; reason: string };

/**
 * Records of a CSV stream keyed by header, with the line each starts on. Quoted fields may span
 * lines. A record that cannot be parsed (wrong column count, a broken quote) is yielded as an error
 * and reading goes on where that is possible.
 */
export async function* readCsv(
  input: Readable,
  options: { delimiter?: string | string[]; columns?: string[] } = {},
): AsyncGenerator<CsvRow> {
  const errors: CsvRow[] = [];
  const parser = parse({
    bom: true,
    columns: options.columns ?? true,
    delimiter: options.delimiter ?? ',',
    relax_quotes: false,
    skip_empty_lines: true,
    trim: false,
    info: true,
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
    while (errors.length > 0) yield errors.shift() as CsvRow;
    yield { ok: true, line: row.info.lines, record: row.record };
  }
  while (errors.length > 0) yield errors.shift() as CsvRow;
}
