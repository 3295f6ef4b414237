import type { z } from 'zod';
import type { Language } from '../communities/index.js';
import type { Middleware } from './composer.js';
import type { PlayContext } from './context.js';

/** One automation, configured by data. */
export type PlayDefinition<Config = unknown> = {
  name: string;
  title: Record<Language, string>;
  description: Record<Language, string>;
  /** Parses stored or submitted configuration; fills defaults. */
  configSchema: z.ZodType<Config>;
  create(config: Config): Middleware<PlayContext<Config>>;
};

/** Per-group switch and configuration of one play, as stored. */
export type PlayConfig = {
  groupId: number;
  play: string;
  enabled: boolean;
  config: unknown;
};

// biome-ignore lint/suspicious/noExplicitAny: the registry holds plays of every configuration type
export type AnyPlay = PlayDefinition<any>;

export const definePlay = <Config>(play: PlayDefinition<Config>): PlayDefinition<Config> => play;
