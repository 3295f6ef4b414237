import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so the same record hashes the same whatever order its keys came in.
 * Written out by hand (it is on every record of an export without ids); the output is exactly
 * `JSON.stringify` with a key-sorting replacer.
 */
export const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((x) => (x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : canonical(x))).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort((a, b) => a.localeCompare(b))) {
    const x = record[key];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${canonical(x)}`);
  }
  return `{${parts.join(',')}}`;
};

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
