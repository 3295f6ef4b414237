import type { z } from 'zod';
import type { Capabilities } from '../actions/index.js';
import type { Community, Language } from '../communities/index.js';
import type { StoredEvent } from '../events/index.js';
import type { Middleware } from './composer.js';
import type { PlayContext } from './context.js';

/** One automation, configured by data. */
export type PlayDefinition<Config = unknown, Shared = Record<string, never>> = {
  name: string;
  title: Record<Language, string>;
  description: Record<Language, string>;
  /** Parses a group's stored or submitted configuration; fills defaults. */
  configSchema: z.ZodType<Config>;
  /**
   * Configuration shared by every group of the community (an FAQ library, a banned-word list),
   * edited once; absent when the play has none.
   */
  sharedSchema?: z.ZodType<Shared>;
  /** Capabilities the play needs to work fully; where a group's platform lacks one, it degrades. */
  needs?: readonly (keyof Capabilities)[];
  create(config: Config, shared: Shared): Middleware<PlayContext<Config>>;
  /**
   * A hint, never needed for correctness: the keys of its memory the play will read for this event,
   * so that the store can read them for a whole batch of events in one statement. `repliedTo`: the
   * author of the message the event replies to, where the batch knows it.
   */
  memoryKeys?(event: StoredEvent, config: Config, community: Community, repliedTo?: number): readonly string[];
  /**
   * A hint too: the kinds of its own ledger entries the play reads of an event's member (the batch
   * reads the entries of these kinds written by the plays that name them).
   */
  ledgerKinds?: readonly string[];
};

/** Per-group switch and configuration of one play, as stored. */
export type PlayConfig = {
  groupId: number;
  play: string;
  enabled: boolean;
  config: unknown;
  /** The community's shared configuration of the play, as stored; defaults when absent. */
  shared?: unknown;
};

// biome-ignore lint/suspicious/noExplicitAny: the registry holds plays of every configuration type
export type AnyPlay = PlayDefinition<any, any>;

export const definePlay = <Config, Shared = Record<string, never>>(
  play: PlayDefinition<Config, Shared>,
): PlayDefinition<Config, Shared> => play;
