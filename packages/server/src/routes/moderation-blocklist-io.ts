import { z } from '@hono/zod-openapi';
import { QunzhuError } from '@qunzhu/core';
import type { BlocklistEntry } from '@qunzhu/store';
import { parse } from 'csv-parse/sync';

/**
 * One member to list: by platform identity (found, or created when unknown: portable between
 * communities and instances), else by Qunzhu's member id.
 */
export type BlocklistLine = {
  line: number;
  identity?: { platform: string; platformUserId: string; displayName: string };
  memberId?: number;
  reason: string;
};

export type LineError = { line: number; message: string };

const text = (max: number) => z.string().trim().max(max);
const recordSchema = z
  .object({
    memberId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    platform: text(40).optional(),
    platformUserId: text(200).optional(),
    displayName: text(200).optional(),
    reason: text(500).optional(),
  })
  .refine((r) => r.memberId !== undefined || (r.platform && r.platformUserId), {
    message: 'needs member_id, or platform and platform_user_id',
  });

/** CSV columns, as exported; import reads the same header (extra columns are ignored). */
export const BLOCKLIST_CSV_COLUMNS = [
  'member_id',
  'platform',
  'platform_user_id',
  'display_name',
  'reason',
  'source',
  'added_at',
] as const;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const toLine = (line: number, raw: Record<string, unknown>, errors: LineError[]): BlocklistLine | undefined => {
  const result = recordSchema.safeParse({
    memberId: blank(raw.memberId ?? raw.member_id),
    platform: blank(raw.platform),
    platformUserId: blank(raw.platformUserId ?? raw.platform_user_id),
    displayName: blank(raw.displayName ?? raw.display_name),
    reason: blank(raw.reason),
  });
  if (!result.success) {
    errors.push({
      line,
      message: result.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '),
    });
    return undefined;
  }
  const r = result.data;
  return {
    line,
    reason: r.reason ?? '',
    ...(r.memberId === undefined ? {} : { memberId: r.memberId }),
    ...(r.platform && r.platformUserId
      ? {
          identity: {
            platform: r.platform,
            platformUserId: r.platformUserId,
            displayName: r.displayName || r.platformUserId,
          },
        }
      : {}),
  };
};

/**
 * Parse an import, every line checked before anything is stored: the errors name their lines
 * (CSV: the file's line, the header being line 1; JSON: the array index, from 1).
 */
export const parseBlocklistImport = (format: 'csv' | 'json', content: string): BlocklistLine[] => {
  const errors: LineError[] = [];
  const lines: BlocklistLine[] = [];
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (error) {
      throw new QunzhuError('bad_input', `blocklist import: not JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(data)) throw new QunzhuError('bad_input', 'blocklist import: JSON must be an array of entries');
    data.forEach((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        errors.push({ line: i + 1, message: 'an entry must be an object' });
        return;
      }
      const parsed = toLine(i + 1, item as Record<string, unknown>, errors);
      if (parsed) lines.push(parsed);
    });
  } else {
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parse(content, {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        skip_empty_lines: true,
        bom: true,
        info: true,
      });
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      throw new QunzhuError('bad_input', `blocklist import: line ${line ?? '?'}: ${(error as Error).message}`, {
        details: [{ line: line ?? null, message: (error as Error).message }],
      });
    }
    for (const { record, info } of records) {
      const parsed = toLine(info.lines, record, errors);
      if (parsed) lines.push(parsed);
    }
  }
  if (errors.length > 0) {
    const shown = errors
      .slice(0, 5)
      .map((e) => `line ${e.line}: ${e.message}`)
      .join('; ');
    throw new QunzhuError('bad_input', `blocklist import: nothing imported; ${errors.length} bad line(s): ${shown}`, {
      details: errors,
    });
  }
  return lines;
};

const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One CSV row per identity of each listed member (one row without identity for a member with none). */
export const blocklistCsv = (entries: readonly BlocklistEntry[]): string => {
  const rows: string[][] = [[...BLOCKLIST_CSV_COLUMNS]];
  for (const e of entries) {
    const ids = e.identities.length > 0 ? e.identities : [{ platform: '', platformUserId: '' }];
    for (const id of ids) {
      rows.push([
        String(e.memberId),
        id.platform,
        id.platformUserId,
        e.displayName,
        e.reason,
        e.source,
        e.addedAt.toISOString(),
      ]);
    }
  }
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
};
