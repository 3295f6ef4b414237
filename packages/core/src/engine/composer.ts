import { QunzhuError } from '../errors.js';

export type NextFunction = () => Promise<void>;
/** One step of a play, in the style of grammY and Hono: do work, maybe call `next()` once. */
export type Middleware<C> = (ctx: C, next: NextFunction) => Promise<void> | void;

/** Concatenate middleware into one; calling `next()` twice from the same step is a bug and throws. */
export const compose = <C>(steps: readonly Middleware<C>[]): Middleware<C> => {
  return (ctx, next) => {
    let last = -1;
    // Not async: a step's own promise is passed through, so a chain of n steps makes no extra ones.
    const dispatch = (i: number): Promise<void> => {
      if (i <= last)
        return Promise.reject(new QunzhuError('internal', 'next() called more than once in one middleware'));
      last = i;
      const step = i === steps.length ? next : steps[i];
      if (step === undefined) return DONE;
      try {
        return Promise.resolve(step(ctx, () => dispatch(i + 1)));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return dispatch(0);
  };
};

/** A settled promise, for steps that have nothing left to wait for. */
export const DONE: Promise<void> = Promise.resolve();

type Filterable = { trigger: { kind: 'event'; event: { type: string } } | { kind: 'timer'; timer: { key: string } } };

/** A growable list of middleware with filters, composed on demand. */
export class Composer<C extends Filterable> {
  private readonly steps: Middleware<C>[] = [];

  constructor(...steps: Middleware<C>[]) {
    this.steps.push(...steps);
  }

  use(...steps: Middleware<C>[]): this {
    this.steps.push(...steps);
    return this;
  }

  /** Run `steps` only for events of the given type(s); other triggers pass through. */
  on(type: string | readonly string[], ...steps: Middleware<C>[]): this {
    const types = typeof type === 'string' ? [type] : type;
    return this.filter((ctx) => ctx.trigger.kind === 'event' && types.includes(ctx.trigger.event.type), ...steps);
  }

  /** Run `steps` when a timer with this key (set by the same play) fires. */
  onTimer(key: string, ...steps: Middleware<C>[]): this {
    return this.filter((ctx) => ctx.trigger.kind === 'timer' && ctx.trigger.timer.key === key, ...steps);
  }

  filter(predicate: (ctx: C) => boolean, ...steps: Middleware<C>[]): this {
    // One step needs no chain of its own: a second next() from it reaches this composer's guard,
    // which refuses it the same way.
    const inner = steps.length === 1 ? (steps[0] as Middleware<C>) : compose(steps);
    this.steps.push((ctx, next) => (predicate(ctx) ? inner(ctx, next) : next()));
    return this;
  }

  middleware(): Middleware<C> {
    return compose([...this.steps]);
  }
}
