import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LedgerEntryInput, type LedgerQuery, ledgerMatches, RecordingPlayState } from './state.js';

const KINDS = ['points', 'checkin', 'level', 'tag_add', 'badge'] as const;
const PLAYS = ['points', 'check-in', 'levels'] as const;
const DAY = 86_400_000;

const entry = fc.record({
  communityId: fc.integer({ min: 1, max: 2 }),
  groupId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  memberId: fc.integer({ min: 1, max: 4 }),
  play: fc.constantFrom(...PLAYS),
  kind: fc.constantFrom(...KINDS),
  amount: fc.integer({ min: -20, max: 20 }),
  day: fc.integer({ min: 0, max: 9 }),
  // A few keys repeat, so that some appends are refused as duplicates.
  dedupe: fc.integer({ min: 0, max: 60 }),
});

const query = fc.record(
  {
    communityId: fc.integer({ min: 1, max: 2 }),
    memberId: fc.integer({ min: 1, max: 4 }),
    groupId: fc.integer({ min: 1, max: 3 }),
    play: fc.constantFrom(...PLAYS),
    kinds: fc.array(fc.constantFrom(...KINDS), { maxLength: 3 }),
    since: fc.integer({ min: 0, max: 9 }).map((d) => new Date(d * DAY)),
  },
  { requiredKeys: ['communityId'] },
);

// The recorder keeps indexes so that a play's reads touch one member's entries; whatever the
// query, they must answer as a scan of the whole ledger does.
describe('the recording play state', () => {
  it('reads and sums the ledger as a scan of every entry would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 60 }),
        fc.array(query, { maxLength: 12 }),
        async (entries, queries) => {
          const state = new RecordingPlayState();
          for (const e of entries) {
            const input: LedgerEntryInput = {
              communityId: e.communityId,
              groupId: e.groupId,
              memberId: e.memberId,
              play: e.play,
              kind: e.kind,
              amount: e.amount,
              data: {},
              dedupeKey: `k${e.dedupe}`,
              at: new Date(e.day * DAY),
            };
            await state.appendLedger(input);
          }
          expect(state.ledger.map((e) => e.id)).toEqual(state.ledger.map((_, i) => i + 1));
          for (const q of queries as LedgerQuery[]) {
            const scanned = state.ledger.filter((e) => ledgerMatches(e, q));
            expect(await state.readLedger(q)).toEqual(scanned);
            // Balances are kept as running totals across communities (member ids are unique in a store).
            const sum = await state.sumLedger(q);
            const fast =
              q.memberId !== undefined &&
              q.kinds?.length === 1 &&
              q.groupId === undefined &&
              q.play === undefined &&
              !q.since;
            if (!fast) expect(sum).toBe(scanned.reduce((s, e) => s + e.amount, 0));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
