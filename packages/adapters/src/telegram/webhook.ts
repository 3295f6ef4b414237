import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The header Telegram sends with every webhook call when setWebhook was given a secret_token. */
export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/**
 * Whether a webhook request carries the secret we registered. Both sides are hashed first so the
 * comparison takes the same time whatever the length or content of what was sent.
 */
export const secretMatches = (expected: string, given: string | undefined): boolean => {
  if (given === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
};

/** The outer shape of an update; the rest is read field by field (unknown kinds are ignored). */
export const webhookUpdateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });
