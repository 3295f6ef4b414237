import { randomUUID } from 'node:crypto';
import type { EventInput } from '@qunzhu/core';

export const SANDBOX_PLATFORM = 'sandbox';

/**
 * What an operator does in a sandbox group: join, leave or post as a pretend member; ask to join
 * (text: the answers), or press a button under a bot's message (data: the button's data).
 */
export type SandboxInput = {
  type: 'join' | 'leave' | 'message' | 'join_request' | 'callback';
  /** The pretend member's id in the sandbox; reuse it to act as the same member again. */
  user: string;
  name?: string;
  text?: string;
  replyTo?: string;
  inviter?: string;
  data?: string;
};

export const sandboxEvent = (groupPlatformId: string, input: SandboxInput, at: Date): EventInput => ({
  type: input.type,
  source: `${SANDBOX_PLATFORM}:${groupPlatformId}`,
  sourceId: randomUUID(),
  group: { platform: SANDBOX_PLATFORM, platformGroupId: groupPlatformId },
  actor: {
    platform: SANDBOX_PLATFORM,
    platformUserId: input.user,
    ...(input.name ? { displayName: input.name } : {}),
  },
  at,
  ...(input.text === undefined ? {} : { text: input.text }),
  ...(input.replyTo === undefined ? {} : { replyTo: input.replyTo }),
  ...(input.inviter === undefined ? {} : { inviter: { platform: SANDBOX_PLATFORM, platformUserId: input.inviter } }),
  ...(input.data === undefined ? {} : { extra: { data: input.data } }),
});
