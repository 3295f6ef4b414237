import { createHash } from 'node:crypto';

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * Stable ids for records that have none: a hash of the record's content plus how many identical
 * records came before it in the same input. Importing the same export again gives the same ids; a
 * longer export that starts the same way gives the same ids to the same records.
 */
export class DerivedIds {
  private readonly seen = new Map<string, number>();
  next(content: unknown): string {
    const digest = createHash('sha1').update(canonical(content)).digest('base64url').slice(0, 22);
    const k = this.seen.get(digest) ?? 0;
    this.seen.set(digest, k + 1);
    return `h:${digest}:${k}`;
  }
}
