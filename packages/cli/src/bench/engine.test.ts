import { openTestStore, testStoreKinds } from '@qunzhu/store/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { benchEngine } from './engine.js';

// The embedded store of a benchmark is made in a child process from the built packages, which a
// test run from sources does not have: the end-to-end half runs on the test PostgreSQL.
describe.runIf(testStoreKinds().includes('postgres'))('the engine benchmark', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('measures in memory and end to end after a history sent first, and prints what it measured', async () => {
    const store = await openTestStore('postgres');
    try {
      if (!('databaseUrl' in store.location)) throw new Error('a PostgreSQL store was expected');
      vi.stubEnv('DATABASE_URL', store.location.databaseUrl);
      const said: string[] = [];
      const rows = await benchEngine(2000, 500, (line) => said.push(line), undefined, ['postgres'], 1000);
      expect(rows.map((r) => r.path)).toEqual(['memory', 'PostgreSQL']);
      for (const r of rows) {
        expect(Number(r.baseline)).toBeGreaterThan(0);
        expect(Number(r.withPlays)).toBeGreaterThan(0);
        expect(Number.isFinite(Number(r.withPlays))).toBe(true);
      }
      expect(said.join('\n')).toMatch(
        /PostgreSQL, end to end, 500 events after 1000 of history: ingest alone [\d,]+ ev\/s; with plays [\d,]+ ev\/s/,
      );
      // The benchmark's communities are gone, balances and all.
      const { rows: left } = await store.db.query<{ n: number }>(
        `select (select count(*) from communities) + (select count(*) from ledger_balances)
              + (select count(*) from ledger) + (select count(*) from events) as n`,
      );
      expect(Number(left[0]?.n)).toBe(0);
    } finally {
      await store.dispose();
    }
  }, 180_000);
});
