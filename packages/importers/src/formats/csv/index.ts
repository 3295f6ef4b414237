import { basename } from 'node:path';
import { type EventInput, type EventType, type JsonObject, QunzhuError } from '@qunzhu/core';
import { readCsvRecords } from '../../shared/csv.js';
import { findColumn, readCsvHeader } from '../../shared/csv-header.js';
import { DerivedIds } from '../../shared/derive-id.js';
import { clean } from '../../shared/source.js';
import type { CsvMapping, Importer, ImportRecord } from '../../types.js';
import { parseCsvTime } from './time.js';

export { parseCsvTime } from './time.js';

type Field = keyof CsvMapping;
const FIELDS: readonly Field[] = ['user', 'at', 'type', 'group', 'name', 'text', 'id', 'replyTo', 'inviter'];
const TYPES: ReadonlySet<string> = new Set<EventType>(['message', 'join', 'leave']);

const needMapping = (path: string) =>
  new QunzhuError(
    'bad_input',
    `${path}: a generic CSV needs its columns named: give --map user=COLUMN,at=COLUMN (and optionally ` +
      'type, group, name, text, id, replyTo, inviter) on the command line, or csvMapping in the API',
  );

/** Mapped field → column as written in the header; throws naming every mapped column the header lacks. */
const resolveColumns = (path: string, mapping: CsvMapping, columns: string[]): Partial<Record<Field, string>> => {
  const found: Partial<Record<Field, string>> = {};
  const missing: string[] = [];
  for (const field of FIELDS) {
    const name = mapping[field];
    if (name === undefined || name === '') continue;
    const column = findColumn(columns, name);
    if (column === undefined) missing.push(`"${name}" (mapped to ${field})`);
    else found[field] = column;
  }
  if (missing.length > 0) {
    const names = columns.map((c) => c.trim()).join(', ');
    const header = names.length > 300 ? `${names.slice(0, 300)}…` : names;
    throw new QunzhuError(
      'bad_input',
      missing.length === 1
        ? `${path}: column ${missing[0]} is not in the header: ${header}`
        : `${path}: columns ${missing.join(', ')} are not in the header: ${header}`,
    );
  }
  return found;
};

/**
 * Any CSV, given which column holds what (`options.csvMapping`): one row per event. The delimiter
 * (`,` `;` or tab) is taken from the header line. Rows without an id column get one derived from the
 * whole row and how many identical rows came before it, so importing the file again adds nothing.
 * Columns not mapped are kept in `extra`.
 */
export const csvImporter: Importer = {
  format: 'csv',
  title: 'CSV with a column mapping',
  // A CSV does not say what its columns mean: this importer is chosen by name, with a mapping.
  detect: () => 0,
  async *read(source, options): AsyncGenerator<ImportRecord> {
    const path = source.path;
    const mapping = options.csvMapping;
    if (!mapping) throw needMapping(path);
    if (source.isDirectory)
      throw new QunzhuError('bad_input', `${path}: is a folder; a generic CSV import reads one file`);
    const encoding = options.encoding ?? 'auto';
    const header = await readCsvHeader(path, encoding, 'a CSV file');
    const column = resolveColumns(path, mapping, header.columns);
    if (!column.user || !column.at) throw needMapping(path);
    const mapped = new Set(Object.values(column));
    const platform = options.platform ?? 'import';
    const fileGroup = basename(path).replace(/\.(csv|tsv|txt)$/i, '');
    const ids = new DerivedIds();

    yield* readCsvRecords(path, header, { counter: source.counter, encoding }, (record, reject) => {
      const cell = (field: Field): string | undefined => {
        const name = column[field];
        return name === undefined ? undefined : clean(record[name] ?? '');
      };

      const type = (cell('type') ?? '').trim().toLowerCase() || 'message';
      if (!TYPES.has(type))
        return reject(`type "${cell('type')}" (column "${column.type}") is not message, join or leave`);
      const user = (cell('user') ?? '').trim();
      if (user === '') return reject(`the user column "${column.user}" is empty`);
      const atText = cell('at') ?? '';
      const at = parseCsvTime(atText, options.tz);
      if (!at) {
        return reject(
          `"${atText}" (column "${column.at}") is not a time between 1970 and 2100 ` +
            '(ISO 8601 like 2024-03-02 20:15:03, or Unix seconds)',
        );
      }
      let group = options.group;
      if (group === undefined) {
        const named = cell('group')?.trim();
        if (named === '') return reject(`the group column "${column.group}" is empty`);
        group = named ?? fileGroup;
      }
      const name = cell('name')?.trim();
      const text = cell('text');
      const id = cell('id')?.trim();
      const replyTo = cell('replyTo')?.trim();
      const inviter = cell('inviter')?.trim();
      const extra: JsonObject = {};
      for (const [key, value] of Object.entries(record)) {
        if (!mapped.has(key) && key.trim() !== '' && value !== '') extra[clean(key.trim())] = clean(value);
      }
      const event: EventInput = {
        type: type as EventType,
        source: `${platform}:${group}`,
        sourceId: id || ids.next({ type, row: record }),
        group: { platform, platformGroupId: group, name: group },
        actor: { platform, platformUserId: user, ...(name ? { displayName: name } : {}) },
        at,
        ...(text === undefined ? {} : { text }),
        ...(replyTo ? { replyTo } : {}),
        ...(inviter && type === 'join' ? { inviter: { platform, platformUserId: inviter } } : {}),
        ...(Object.keys(extra).length > 0 ? { extra } : {}),
      };
      return { ok: true, event };
    });
  },
};
