import { QunzhuError } from '@qunzhu/core';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { ImportOptions } from '../types.js';
import { assertText, detectEncoding, readHead } from './source.js';

export type CsvDelimiter = ',' | ';' | '\t';

export type CsvHeader = {
  delimiter: CsvDelimiter;
  /** Column names as written (the keys of readCsv's records). */
  columns: string[];
  /** The header line as written (BOM removed). */
  line: string;
};

/** The delimiter a header line uses: whichever of `,` `;` and tab occurs most outside quotes (`,` on a tie). */
export const sniffDelimiter = (line: string): CsvDelimiter => {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  let best: CsvDelimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
};

/** The first line of a text, decoded as the file will be; BOM removed. */
export const firstLine = (head: Buffer, encoding: ImportOptions['encoding'] = 'auto'): string => {
  const chosen = encoding === 'auto' ? detectEncoding(head) : encoding;
  const text = iconv.decode(head, chosen).replace(/^\uFEFF/, '');
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
};

/** The header row of a CSV file, from its first bytes. Throws bad_input for an empty or binary file. */
export const readCsvHeader = async (
  path: string,
  encoding: ImportOptions['encoding'],
  what: string,
): Promise<CsvHeader> => {
  const head = await readHead(path);
  if (head.length === 0) throw new QunzhuError('bad_input', `${path}: the file is empty, not ${what}`);
  assertText(path, head, what);
  const line = firstLine(head, encoding);
  const delimiter = sniffDelimiter(line);
  let columns: string[];
  try {
    const rows = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    columns = rows[0] ?? [];
  } catch (error) {
    throw new QunzhuError('bad_input', `${path}: the header row cannot be read as CSV: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (columns.every((c) => c.trim() === '')) {
    throw new QunzhuError('bad_input', `${path}: the first line is not a header row of column names`);
  }
  return { delimiter, columns, line };
};

/** The column a name means: as written, else ignoring surrounding spaces, else ignoring case. */
export const findColumn = (columns: readonly string[], name: string): string | undefined => {
  const wanted = name.trim();
  return (
    columns.find((c) => c === name) ??
    columns.find((c) => c.trim() === wanted) ??
    columns.find((c) => c.trim().toLowerCase() === wanted.toLowerCase())
  );
};
