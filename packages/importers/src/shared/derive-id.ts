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
 *
 * The content includes the time, and exports are in time order, so identical records sit close
 * together: only the most recent `window` digests are remembered, which keeps memory flat.
 */
export class DerivedIds {
  private readonly seen = new Map<string, number>();
  constructor(private readonly window = 100_000) {}
  next(content: unknown): string {
    const digest = createHash('sha1').update(canonical(content)).digest('base64url').slice(0, 22);
    const k = this.seen.get(digest) ?? 0;
    this.seen.delete(digest);
    this.seen.set(digest, k + 1);
    if (this.seen.size > this.window) this.seen.delete(this.seen.keys().next().value as string);
    return `h:${digest}:${k}`;
  }
}
