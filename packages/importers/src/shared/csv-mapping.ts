import { QunzhuError } from '@qunzhu/core';
import type { CsvMapping } from '../types.js';

const MAPPING_KEYS = ['type', 'group', 'user', 'name', 'at', 'text', 'id', 'replyTo', 'inviter'] as const;

/** `user=AuthorID,at=Date,text=Content` → a generic CSV column mapping (the CLI's --map, the API's map). */
export const parseCsvMapping = (text: string): CsvMapping => {
  const mapping: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [key, column] = pair.split('=').map((s) => s.trim());
    if (!key || !column || !(MAPPING_KEYS as readonly string[]).includes(key)) {
      throw new QunzhuError(
        'bad_input',
        `map: "${pair}" is not FIELD=COLUMN with FIELD one of ${MAPPING_KEYS.join(', ')}`,
      );
    }
    mapping[key] = column;
  }
  if (!mapping.user || !mapping.at) throw new QunzhuError('bad_input', 'map needs at least user=COLUMN and at=COLUMN');
  return mapping as CsvMapping;
};
