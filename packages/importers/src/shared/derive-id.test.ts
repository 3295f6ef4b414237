import { seededRandom } from '@qunzhu/core';
import { describe, expect, it } from 'vitest';
import { canonical, DerivedIds } from './derive-id.js';

// The reference: JSON.stringify with a replacer that sorts keys (how derived ids were first made).
const reference = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

const randomValue = (r: ReturnType<typeof seededRandom>, depth: number): unknown => {
  const kind = r.int(depth > 2 ? 5 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.int(2) === 0;
    case 2:
      return r.int(10_000) - 5000 + (r.int(2) ? 0.5 : 0);
    case 3:
      return ['打卡', 'crimsun', 'a"b', '\\n', 'Ünïcödé', ''][r.int(6)];
    case 4:
      return new Date(1_100_000_000_000 + r.int(1e9));
    case 5:
      return Array.from({ length: r.int(4) }, () => (r.int(5) === 0 ? undefined : randomValue(r, depth + 1)));
    default: {
      const keys = ['type', 'at', 'user', 'text', 'B', 'a', '用户', 'z_1'];
      return Object.fromEntries(
        Array.from({ length: r.int(5) }, () => [
          keys[r.int(keys.length)],
          r.int(6) === 0 ? undefined : randomValue(r, depth + 1),
        ]),
      );
    }
  }
};

describe('derived ids', () => {
  it('serialise exactly as the key-sorting JSON.stringify they replaced', () => {
    const r = seededRandom('canonical');
    for (let i = 0; i < 2000; i++) {
      const value = randomValue(r, 0);
      expect(canonical(value)).toBe(reference(value));
    }
  });

  it('count identical records and forget old ones past the window', () => {
    const ids = new DerivedIds(2);
    const a = { type: 'message', user: 'crimsun', at: '2004-12-25T09:14:00Z', text: 'ok' };
    const first = ids.next(a);
    expect(ids.next({ text: 'ok', at: a.at, user: a.user, type: a.type })).toBe(first.replace(/:0$/, ':1'));
    ids.next({ n: 1 });
    ids.next({ n: 2 });
    expect(ids.next(a)).toBe(first); // a was forgotten: its count starts again
  });
});
