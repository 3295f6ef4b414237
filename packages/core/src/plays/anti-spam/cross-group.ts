import { type Hit, hit } from './hit.js';

/** Where a text was seen lately: group id and time (ms), newest last. */
export type Sightings = { g: number; t: number }[];
export type CrossGroupLimit = { seconds: number; groups: number };

/** Most sightings kept per text: enough to count `groups` distinct groups. */
const MAX_SIGHTINGS = 20;

/**
 * The same (normalised) text in `groups` or more different groups within `seconds`: the copies
 * after the first are spam. The first copy cannot be judged when it arrives; it stands.
 */
export const detectCrossGroup = (
  seen: Sightings,
  groupId: number,
  now: number,
  limit: CrossGroupLimit,
): { hits: Hit[]; seen: Sightings } => {
  const since = now - limit.seconds * 1000;
  const kept = seen.filter((s) => s.t > since && s.t <= now && s.g !== groupId);
  kept.push({ g: groupId, t: now });
  const groups = new Set(kept.map((s) => s.g));
  const hits = groups.size >= limit.groups ? [hit('cross_group', `${groups.size}/${limit.seconds}s`)] : [];
  return { hits, seen: kept.slice(-MAX_SIGHTINGS) };
};

/**
 * A short, stable key for a normalised text (two FNV-1a 32-bit hashes): texts that differ only in
 * spacing, symbols, width or script share it. Not cryptographic; collisions only merge two texts.
 */
export const textKey = (compact: string): string => {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ compact.length;
  for (let i = 0; i < compact.length; i += 1) {
    const c = compact.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
    b ^= b >>> 15;
  }
  return a.toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
};
