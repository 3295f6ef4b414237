/** Stable reason codes, one per detector (newcomer limits have two). Counted and filtered by these. */
export const SPAM_REASONS = [
  'banned_word',
  'contact',
  'phone',
  'link',
  'cross_group',
  'flood',
  'newcomer_link',
  'newcomer_forward',
  'classifier',
] as const;
export type SpamReason = (typeof SPAM_REASONS)[number];

/** What one detector found in one message: the reason and exactly what matched. */
export type Hit = { reason: SpamReason; detail: string };

/** Details are shown to moderators and stored in action payloads: keep them short. */
export const MAX_DETAIL = 120;
export const hit = (reason: SpamReason, detail: string): Hit => ({
  reason,
  detail: detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail,
});
