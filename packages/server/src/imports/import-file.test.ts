import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuiltinRegistry } from '@qunzhu/core';
import { openTestStore, type TestStore, testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HISTORY, seedDemo } from '../demo/seed.js';
import { importFile } from './import-file.js';

const expected = JSON.parse(readFileSync(new URL('../../demo/expected-counts.json', import.meta.url), 'utf8')) as {
  message: number;
  join: number;
  leave: number;
  members: number;
};

const dir = mkdtempSync(join(tmpdir(), 'qunzhu-import-'));
const lines = readFileSync(DEMO_HISTORY, 'utf8').split('\n').slice(0, 300);
const good = join(dir, 'good.jsonl');
writeFileSync(good, `${lines.join('\n')}\n`);
const broken = join(dir, 'broken.jsonl');
writeFileSync(broken, [...lines.slice(0, 250), '{"type":"message","group":"#ubuntu"', ...lines.slice(250)].join('\n'));

describe.each(testStoreKinds())('JSONL import on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  it('stops at a malformed line with file:line and stores nothing from the file', async () => {
    const c = await store.communities.create({ name: 'strict' });
    await expect(importFile(store, broken, { communityId: c.id, platform: 'irc', batchSize: 100 })).rejects.toThrow(
      `${broken}:251: not JSON`,
    );
    expect(await store.events.count(c.id)).toEqual({});
    expect(await store.groups.list(c.id)).toEqual([]);
  });

  it('with skipInvalid imports the rest and writes the rejected lines with reasons', async () => {
    const c = await store.communities.create({ name: 'lenient' });
    const rejectsPath = join(dir, `rejects-${kind}.jsonl`);
    const summary = await importFile(store, broken, {
      communityId: c.id,
      platform: 'irc',
      skipInvalid: true,
      rejectsPath,
    });
    expect(summary).toMatchObject({ format: 'jsonl', events: 300, inserted: 300, rejected: 1, duplicates: 0 });
    const rejected = readFileSync(rejectsPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejected).toEqual([
      {
        file: broken,
        line: 251,
        reason: expect.stringMatching(/^not JSON/),
        text: '{"type":"message","group":"#ubuntu"',
      },
    ]);
  });

  it('adds nothing when the same file is imported twice', async () => {
    const c = await store.communities.create({ name: 'twice' });
    const dry = await importFile(store, good, { communityId: c.id, platform: 'irc', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, events: 300, inserted: 0 });
    expect(await store.events.count(c.id)).toEqual({});
    const progress: number[] = [];
    const first = await importFile(store, good, {
      communityId: c.id,
      platform: 'irc',
      progressMs: 0,
      onProgress: (p) => progress.push(p.bytes),
    });
    expect(progress.at(-1)).toBe(first.bytes);
    const second = await importFile(store, good, { communityId: c.id, platform: 'irc' });
    expect(first.inserted).toBe(300);
    expect(second).toMatchObject({ inserted: 0, duplicates: 300 });
  });

  it('seeds the demo community with the whole history, counts as the converter computed them', async () => {
    const demo = await seedDemo(store, createBuiltinRegistry());
    // Other tests made communities first here, so seed on a store of its own when needed.
    const fresh = demo ? null : await openTestStore(kind);
    try {
      const result = demo ?? (await seedDemo(fresh as TestStore, createBuiltinRegistry()));
      if (!result) throw new Error('demo was not seeded');
      const s = fresh ?? store;
      expect(await s.events.count(result.community.id)).toEqual({
        message: expected.message,
        join: expected.join,
        leave: expected.leave,
      });
      expect((await s.members.search(result.community.id, { limit: 1, offset: 0 })).total).toBe(expected.members);
      const plays = await s.plays.list(result.community.id, result.sandboxGroupId);
      // The sandbox greets and runs the engagement plays, so "打卡" works in it at once.
      expect(plays.filter((p) => p.enabled).map((p) => p.play)).toEqual([
        'badges',
        'check-in',
        'levels',
        'points',
        'welcome',
      ]);
      expect(await seedDemo(s, createBuiltinRegistry())).toBeNull();
    } finally {
      await fresh?.dispose();
    }
  });
});
