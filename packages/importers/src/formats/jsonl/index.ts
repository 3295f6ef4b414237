import type { EventInput, JsonObject } from '@qunzhu/core';
import { z } from 'zod';
import { DerivedIds } from '../../shared/derive-id.js';
import { type Outcome, parseObject } from '../../shared/outcome.js';
import { clean, readTextLines } from '../../shared/source.js';
import type { Importer, ImportRecord } from '../../types.js';

const MAX_TEXT = 100_000;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?/;
// Between 1970 and 2100: anything else is a unit mistake (milliseconds for seconds) or garbage.
const MIN_TIME = 0;
const MAX_TIME = Date.UTC(2100, 0, 1);

const at = z.union([z.string(), z.number()]).transform((value, ctx) => {
  let date: Date;
  if (typeof value === 'number') {
    date = new Date(value * 1000);
  } else {
    if (!ISO.test(value) || !OFFSET.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: `"at" must be ISO-8601 with an offset (e.g. 2024-05-01T09:30:00+08:00), got "${value}"`,
      });
      return z.NEVER;
    }
    date = new Date(value);
  }
  const t = date.getTime();
  if (Number.isNaN(t) || t < MIN_TIME || t > MAX_TIME) {
    ctx.addIssue({ code: 'custom', message: `"at" is not a time between 1970 and 2100: ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return date;
});

const id = z.union([z.string().min(1).max(500), z.number().int()]).transform(String);
const name = z.string().trim().min(1).max(500);

/** One line of Qunzhu JSONL. See docs/jsonl.md. */
export const jsonlRecordSchema = z
  .object({
    type: z.enum(['message', 'join', 'leave']),
    group: name,
    user: name,
    name: z.string().trim().max(500).optional(),
    at,
    text: z.string().max(MAX_TEXT, `"text" is longer than ${MAX_TEXT} characters`).optional(),
    id: id.optional(),
    replyTo: id.optional(),
    inviter: name.optional(),
    platform: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,31}$/, '"platform" must be a short lower-case name')
      .optional(),
  })
  .catchall(z.unknown());
export type JsonlRecord = z.infer<typeof jsonlRecordSchema>;

export type JsonlOptions = {
  /** Platform of users and groups when a line names none. */
  platform: string;
};

const KNOWN = new Set(['type', 'group', 'user', 'name', 'at', 'text', 'id', 'replyTo', 'inviter', 'platform']);

/** Turn one already-parsed JSON value into an event, or say why not. */
export const jsonlRecordToEvent = (json: unknown, options: JsonlOptions, ids: DerivedIds): Outcome => {
  const parsed = parseObject(json, jsonlRecordSchema, 'each record must be one JSON object');
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  const platform = r.platform ?? options.platform;
  const sourceId = r.id ?? ids.next(json);
  const extra = Object.fromEntries(Object.entries(r).filter(([k]) => !KNOWN.has(k))) as JsonObject;
  const event: EventInput = {
    type: r.type,
    source: `${platform}:${clean(r.group)}`,
    sourceId: clean(sourceId),
    group: { platform, platformGroupId: clean(r.group), name: clean(r.group) },
    actor: {
      platform,
      platformUserId: clean(r.user),
      ...(r.name ? { displayName: clean(r.name) } : {}),
    },
    at: r.at,
    ...(r.text === undefined ? {} : { text: clean(r.text) }),
    ...(r.replyTo === undefined ? {} : { replyTo: clean(r.replyTo) }),
    ...(r.inviter === undefined ? {} : { inviter: { platform, platformUserId: clean(r.inviter) } }),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  return { ok: true, event };
};

const looksLikeRecord = (line: string): boolean => {
  try {
    const json = JSON.parse(line) as Record<string, unknown>;
    return typeof json === 'object' && json !== null && 'type' in json && 'at' in json && 'user' in json;
  } catch {
    return false;
  }
};

/**
 * Qunzhu JSONL (docs/jsonl.md). Lines without an `id` get one derived from their content and how
 * many identical lines came before in the file, so importing the same file twice adds nothing.
 */
export const jsonlImporter: Importer = {
  format: 'jsonl',
  title: 'Qunzhu JSONL',
  detect(probe) {
    if (probe.isDirectory) return 0;
    const first = probe.head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\n')
      .find((l) => l.trim() !== '');
    if (first && looksLikeRecord(first.trim())) return 0.9;
    return /\.jsonl(\.gz)?$/i.test(probe.name) ? 0.3 : 0;
  },
  async *read(source, options): AsyncGenerator<ImportRecord> {
    const ids = new DerivedIds();
    const platform = options.platform ?? 'import';
    const lines = source.path.endsWith('.gz')
      ? readTextLines(source.path, source.counter, 'utf8')
      : readTextLines(source.path, source.counter, options.encoding ?? 'utf8');
    for await (const { line, text } of lines) {
      if (text.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        yield { ok: false, file: source.path, line, text, reason: `not JSON: ${(error as Error).message}` };
        continue;
      }
      const result = jsonlRecordToEvent(json, { platform }, ids);
      if (!result.ok) {
        yield { ok: false, file: source.path, line, text, reason: result.reason };
        continue;
      }
      const event = options.group
        ? {
            ...result.event,
            source: `${result.event.group.platform}:${options.group}`,
            group: { platform: result.event.group.platform, platformGroupId: options.group, name: options.group },
          }
        : result.event;
      yield { ok: true, event };
    }
  },
};
