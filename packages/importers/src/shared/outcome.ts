import type { EventInput } from '@qunzhu/core';
import type { z } from 'zod';

/** What one record of an export becomes: an event, or why it cannot be one. */
export type Outcome = { ok: true; event: EventInput } | { ok: false; reason: string };

/**
 * A JSON value read with `schema`, or why it cannot be: `notObject` when it is not a JSON object,
 * else the schema's issues as `path: message; …`.
 */
export const parseObject = <S extends z.ZodType>(
  json: unknown,
  schema: S,
  notObject: string,
): { ok: true; value: z.output<S> } | { ok: false; reason: string } => {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { ok: false, reason: notObject };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    return { ok: false, reason };
  }
  return { ok: true, value: parsed.data };
};
