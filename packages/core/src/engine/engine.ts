import type { Capabilities } from '../actions/index.js';
import type { Community, Group } from '../communities/index.js';
import type { StoredEvent } from '../events/index.js';
import { DONE, type Middleware } from './composer.js';
import { type PlayContext, StepContext, type Trigger, triggerKey } from './context.js';
import type { AnyPlay, PlayConfig } from './play.js';
import type { PlayRegistry } from './registry.js';
import type { PlayStatePort, Timer } from './state.js';

/** Everything the engine needs to know about one group to run its plays. */
export type GroupScope = {
  community: Community;
  group: Group;
  capabilities: Capabilities;
  /** The group's play configuration; disabled ones are skipped. */
  plays: readonly PlayConfig[];
};

export type PlayFailure = { play: string; trigger: string; error: unknown };

type Compiled = { play: AnyPlay; middleware: Middleware<PlayContext<unknown>>; config: unknown };

/**
 * Runs plays over one trigger at a time. It keeps no state of its own between triggers: all of it
 * goes through the PlayStatePort, which is what lets a backtest replay history through it.
 */
export class Engine {
  private readonly compiled = new WeakMap<PlayConfig, Compiled>();
  private readonly byScope = new WeakMap<GroupScope, Compiled[]>();

  constructor(
    private readonly registry: PlayRegistry,
    private readonly onFailure: (failure: PlayFailure) => void = () => {},
  ) {}

  /** Run every enabled play of the group over a stored event, in registry order, as one chain. */
  handleEvent(scope: GroupScope, event: StoredEvent, state: PlayStatePort): Promise<void> {
    // Not async, as runStep: a chain of n plays would otherwise make n more suspended frames per event.
    try {
      const steps = this.enabled(scope);
      if (steps.length === 0) return DONE;
      const trigger: Trigger = { kind: 'event', event };
      const key = triggerKey(trigger);
      const notes: SharedNotes = {};
      const run = (i: number): Promise<void> => {
        const compiled = steps[i];
        return compiled ? this.runStep(compiled, scope, trigger, key, state, notes, () => run(i + 1)) : DONE;
      };
      return run(0);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The memory the group's plays say they will read for these events (see PlayDefinition.memoryKeys). */
  memoryKeysFor(
    scope: GroupScope,
    events: readonly StoredEvent[],
    repliedTo: (event: StoredEvent) => number | undefined = () => undefined,
  ): { play: string; key: string }[] {
    const out: { play: string; key: string }[] = [];
    for (const { play, config } of this.enabled(scope)) {
      if (!play.memoryKeys) continue;
      for (const event of events)
        for (const key of play.memoryKeys(event, config, scope.community, repliedTo(event)))
          out.push({ play: play.name, key });
    }
    return out;
  }

  /**
   * What the group's plays say they read of an event's member's ledger: the kinds, and the plays
   * that read them (their own entries).
   */
  ledgerReadsFor(scope: GroupScope): { plays: string[]; kinds: string[] } {
    const readers = this.enabled(scope).filter((c) => (c.play.ledgerKinds?.length ?? 0) > 0);
    return {
      plays: readers.map((c) => c.play.name),
      kinds: [...new Set(readers.flatMap((c) => c.play.ledgerKinds ?? []))],
    };
  }

  /** A timer belongs to one play: only that play runs. */
  async handleTimer(scope: GroupScope, timer: Timer, state: PlayStatePort): Promise<void> {
    const compiled = this.enabled(scope).find((c) => c.play.name === timer.play);
    // The play was switched off since: forget its timer rather than act on stale intent.
    if (!compiled) return state.clearTimer(timer);
    await state.clearTimer(timer);
    const trigger: Trigger = { kind: 'timer', timer };
    await this.runStep(compiled, scope, trigger, triggerKey(trigger), state, {}, () => DONE);
  }

  private runStep(
    compiled: Compiled,
    scope: GroupScope,
    trigger: Trigger,
    key: string,
    state: PlayStatePort,
    notes: SharedNotes,
    next: () => Promise<void>,
  ): Promise<void> {
    let calledNext = false;
    // One broken play must not silence the others or stop the group's queue.
    const failed = (error: unknown): Promise<void> | undefined => {
      this.onFailure({ play: compiled.play.name, trigger: key, error });
      return calledNext ? undefined : next().then(nothing);
    };
    try {
      const ctx = new StepContext(scope, trigger, compiled.play.name, state, notes, compiled.config, key);
      const guardedNext = () => {
        calledNext = true;
        return next();
      };
      let result: Promise<void> | void;
      try {
        result = compiled.middleware(ctx, guardedNext);
      } catch (error) {
        return Promise.resolve(failed(error));
      }
      // A promise handler rather than an async function awaiting: no suspended frame per play and event.
      return Promise.resolve(result).then(nothing, failed);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private enabled(scope: GroupScope): Compiled[] {
    // A scope is immutable once made (the runtime makes a new one when configuration changes).
    const known = this.byScope.get(scope);
    if (known) return known;
    const byName = new Map(scope.plays.filter((p) => p.enabled).map((p) => [p.play, p]));
    const result: Compiled[] = [];
    for (const play of this.registry.list()) {
      const config = byName.get(play.name);
      if (config) result.push(this.compile(play, config));
    }
    this.byScope.set(scope, result);
    return result;
  }

  private compile(play: AnyPlay, record: PlayConfig): Compiled {
    const cached = this.compiled.get(record);
    if (cached) return cached;
    const config = this.registry.parseConfig(play.name, record.config);
    const shared = this.registry.parseShared(play.name, record.shared);
    const compiled: Compiled = { play, config, middleware: play.create(config, shared) };
    this.compiled.set(record, compiled);
    return compiled;
  }
}

/** Settles a step with nothing, whatever its middleware resolved to. */
const nothing = (): void => {};

/** A bag plays use to tell later plays what they found (a verdict, a spent quota…). */
export type SharedNotes = Record<string, unknown>;
