import { type Hit, hit } from './hit.js';

/** Times (ms) of a member's recent messages in one group, oldest first; kept in the play's memory. */
export type FloodWindow = number[];
export type FloodLimit = { messages: number; seconds: number };

/**
 * More than `messages` messages within `seconds`: this message and every further one inside the
 * window are a flood. Returns the window to remember (only the times still inside it, at most
 * `messages + 1` of them, so memory stays small however fast someone posts).
 */
export const detectFlood = (
  window: FloodWindow,
  now: number,
  limit: FloodLimit,
): { hits: Hit[]; window: FloodWindow } => {
  const since = now - limit.seconds * 1000;
  const kept = window.filter((t) => t > since && t <= now);
  kept.push(now);
  const recent = kept.slice(-(limit.messages + 1));
  const hits = kept.length > limit.messages ? [hit('flood', `${kept.length}/${limit.seconds}s`)] : [];
  return { hits, window: recent };
};
