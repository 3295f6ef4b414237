import { z } from 'zod';
import { QunzhuError } from '../errors.js';
import type { AnyPlay } from './play.js';

export class PlayRegistry {
  private readonly plays = new Map<string, AnyPlay>();

  constructor(plays: readonly AnyPlay[] = []) {
    for (const play of plays) this.register(play);
  }

  register(play: AnyPlay): this {
    if (this.plays.has(play.name)) throw new QunzhuError('conflict', `play "${play.name}" is registered twice`);
    this.plays.set(play.name, play);
    return this;
  }

  get(name: string): AnyPlay {
    const play = this.plays.get(name);
    if (!play) throw new QunzhuError('not_found', `no play named "${name}"; known: ${this.names().join(', ')}`);
    return play;
  }

  has(name: string): boolean {
    return this.plays.has(name);
  }

  names(): string[] {
    return [...this.plays.keys()];
  }

  list(): AnyPlay[] {
    return [...this.plays.values()];
  }

  /** Validate a configuration for a play; a clear `bad_input` error names what is wrong. */
  parseConfig(name: string, config: unknown): unknown {
    const result = this.get(name).configSchema.safeParse(config ?? {});
    if (!result.success) {
      throw new QunzhuError('bad_input', `invalid configuration for play "${name}": ${z.prettifyError(result.error)}`, {
        details: result.error.issues,
      });
    }
    return result.data;
  }

  /** Validate a play's community-wide shared configuration; `{}` for a play that has none. */
  parseShared(name: string, shared: unknown): unknown {
    const schema = this.get(name).sharedSchema;
    if (!schema) return {};
    const result = schema.safeParse(shared ?? {});
    if (!result.success) {
      throw new QunzhuError(
        'bad_input',
        `invalid shared configuration for play "${name}": ${z.prettifyError(result.error)}`,
        { details: result.error.issues },
      );
    }
    return result.data;
  }
}
