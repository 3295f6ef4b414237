import { describe, expect, it } from 'vitest';
import { Composer, compose } from './composer.js';

type Ctx = { trigger: { kind: 'event'; event: { type: string } }; log: string[] };
const ctx = (type: string): Ctx => ({ trigger: { kind: 'event', event: { type } }, log: [] });

describe('compose', () => {
  it('runs steps in order around next()', async () => {
    const c = ctx('message');
    await compose<Ctx>([
      async (x, next) => {
        x.log.push('a1');
        await next();
        x.log.push('a2');
      },
      async (x, next) => {
        x.log.push('b');
        await next();
      },
    ])(c, async () => {
      c.log.push('end');
    });
    expect(c.log).toEqual(['a1', 'b', 'end', 'a2']);
  });

  it('refuses a second next() from the same step', async () => {
    const run = compose<Ctx>([
      async (_x, next) => {
        await next();
        await next();
      },
    ]);
    await expect(run(ctx('message'), async () => {})).rejects.toThrow('next() called more than once');
  });

  it('stops the chain when a step does not call next()', async () => {
    const c = ctx('message');
    await compose<Ctx>([async (x) => void x.log.push('stop'), async (x) => void x.log.push('never')])(
      c,
      async () => {},
    );
    expect(c.log).toEqual(['stop']);
  });
});

describe('Composer.on', () => {
  it('filters by event type and passes others through', async () => {
    const mw = new Composer<Ctx>()
      .on('join', async (x, next) => {
        x.log.push('join');
        await next();
      })
      .use(async (x) => void x.log.push('tail'))
      .middleware();
    const join = ctx('join');
    const message = ctx('message');
    await mw(join, async () => {});
    await mw(message, async () => {});
    expect(join.log).toEqual(['join', 'tail']);
    expect(message.log).toEqual(['tail']);
  });

  it('refuses a second next() from a filtered step, alone or among others', async () => {
    const twice = async (_x: Ctx, next: () => Promise<void>) => {
      await next();
      await next();
    };
    for (const mw of [
      new Composer<Ctx>().on('join', twice).middleware(),
      new Composer<Ctx>().on('join', twice, async (_x, next) => next()).middleware(),
      new Composer<Ctx>()
        .on('join', twice)
        .use(async (_x, next) => next())
        .middleware(),
    ]) {
      let ends = 0;
      const end = async () => {
        ends += 1;
      };
      await expect(mw(ctx('join'), end)).rejects.toThrow('next() called more than once');
      expect(ends).toBe(1);
    }
  });
});
