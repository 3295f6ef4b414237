import { createHash } from 'node:crypto';
import type { EventInput, JsonObject } from '@qunzhu/core';
import { z } from 'zod';
import type { NumberedLine } from '../lines.js';

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

export type ParsedRecord = { ok: true; line: number; event: EventInput };
export type RejectedRecord = { ok: false; line: number; text: string; reason: string };

// PostgreSQL text cannot hold NUL; a hostile or broken export must not fail the whole batch for it.
const clean = (s: string): string => (s.includes('\u0000') ? s.replaceAll('\u0000', '') : s);

const KNOWN = new Set(['type', 'group', 'user', 'name', 'at', 'text', 'id', 'replyTo', 'inviter', 'platform']);

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** Derives stable ids for records that have none: content hash plus how many identical came before. */
export class DerivedIds {
  private readonly seen = new Map<string, number>();
  next(json: unknown): string {
    const digest = createHash('sha1').update(canonical(json)).digest('base64url').slice(0, 22);
    const k = this.seen.get(digest) ?? 0;
    this.seen.set(digest, k + 1);
    return `h:${digest}:${k}`;
  }
}

/** Turn one already-parsed JSON value into an event, or say why not. */
export const jsonlRecordToEvent = (
  json: unknown,
  options: JsonlOptions,
  ids: DerivedIds,
): { ok: true; event: EventInput } | { ok: false; reason: string } => {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, reason: 'each record must be one JSON object' };
  }
  const parsed = jsonlRecordSchema.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    return { ok: false, reason };
  }
  const r = parsed.data;
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

/**
 * Parse Qunzhu JSONL into events. Lines without an `id` get one derived from their content and
 * how many identical lines came before in the file, so importing the same file twice adds nothing.
 */
export async function* parseJsonl(
  lines: AsyncIterable<NumberedLine>,
  options: JsonlOptions,
): AsyncGenerator<ParsedRecord | RejectedRecord> {
  const ids = new DerivedIds();
  for await (const { line, text } of lines) {
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      yield { ok: false, line, text, reason: `not JSON: ${(error as Error).message}` };
      continue;
    }
    const result = jsonlRecordToEvent(json, options, ids);
    yield result.ok ? { ok: true, line, event: result.event } : { ok: false, line, text, reason: result.reason };
  }
}
