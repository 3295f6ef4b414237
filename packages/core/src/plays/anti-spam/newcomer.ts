import type { JsonObject } from '../../json.js';
import { type Hit, hit } from './hit.js';

/**
 * A forwarded message: the adapter marks it `extra.forwarded === true`, or passes Telegram's
 * `forward_origin` (or the older `forward_from` / `forward_from_chat`) through in `extra`.
 */
export const isForwarded = (extra: JsonObject | undefined): boolean =>
  extra !== undefined &&
  (extra.forwarded === true ||
    (extra.forward_origin !== undefined && extra.forward_origin !== null) ||
    (extra.forward_from !== undefined && extra.forward_from !== null) ||
    (extra.forward_from_chat !== undefined && extra.forward_from_chat !== null));

export type NewcomerFacts = {
  /** When the member joined this group; null when not known (then they are not treated as new). */
  joinedAt: Date | null;
  now: Date;
  /** Hosts of links in the message that are not on the allowlist. */
  linkHosts: readonly string[];
  forwarded: boolean;
};
export type NewcomerLimit = { hours: number; links: boolean; forwards: boolean };

/**
 * No links and no forwards in the first `hours` after joining. The detail is the link's host (if any)
 * and how long ago they joined, written so it reads in any language: `evil.top +1h`.
 */
export const detectNewcomer = (facts: NewcomerFacts, limit: NewcomerLimit): Hit[] => {
  if (facts.joinedAt === null) return [];
  const age = facts.now.getTime() - facts.joinedAt.getTime();
  if (age < 0 || age >= limit.hours * 3600_000) return [];
  const hours = Math.floor(age / 3600_000);
  const hits: Hit[] = [];
  const first = facts.linkHosts[0];
  if (limit.links && first !== undefined) hits.push(hit('newcomer_link', `${first} +${hours}h`));
  if (limit.forwards && facts.forwarded) hits.push(hit('newcomer_forward', `+${hours}h`));
  return hits;
};
