import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isQunzhuError, seededRandom } from '@qunzhu/core';
import { openTestStore, type TestStore } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from './import-file.js';

// Every fixture of every importer, truncated and corrupted at random: no input may crash the
// process or leave part of a file stored. The seed is printed with any failure to replay it.
const fixturesRoot = new URL('../../../importers/fixtures/', import.meta.url).pathname;
const SEED = process.env.QUNZHU_FUZZ_SEED ?? 'qunzhu-fuzz-1';
const ROUNDS = Number(process.env.QUNZHU_FUZZ_ROUNDS ?? 6);

/** Inputs: each file, and each folder that is an export of its own (a Slack export folder). */
const inputs = (): string[] => {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (readdirSync(path).includes('channels.json')) found.push(path);
        else walk(path);
      } else if (!/\.(md|json\.expected|txt\.expected)$/i.test(name) && !name.startsWith('.')) {
        found.push(path);
      }
    }
  };
  walk(fixturesRoot);
  return found;
};

const mutate = (bytes: Buffer, random: ReturnType<typeof seededRandom>): Buffer => {
  const copy = Buffer.from(bytes);
  switch (random.int(4)) {
    case 0:
      return copy.subarray(0, random.int(Math.max(1, copy.length))); // truncated
    case 1: {
      for (let i = 0; i < 1 + random.int(8); i++) copy[random.int(copy.length)] = random.int(256); // flipped bytes
      return copy;
    }
    case 2: {
      const at = random.int(copy.length);
      const junk = Buffer.from(Array.from({ length: 1 + random.int(64) }, () => random.int(256)));
      return Buffer.concat([copy.subarray(0, at), junk, copy.subarray(at)]); // garbage inserted
    }
    default: {
      const from = random.int(copy.length);
      return Buffer.concat([copy.subarray(0, from), copy.subarray(from + 1 + random.int(200))]); // a piece cut out
    }
  }
};

describe('importers under corrupted input', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('pglite');
  });
  afterAll(async () => {
    await store?.dispose();
  });

  const all = inputs();
  it('has fixtures to work on', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  for (const input of all) {
    it(`survives ${ROUNDS} corruptions of ${relative(fixturesRoot, input)}`, async () => {
      const random = seededRandom(`${SEED}:${relative(fixturesRoot, input)}`);
      const c = await store.communities.create({ name: `fuzz ${relative(fixturesRoot, input)}` });
      const work = mkdtempSync(join(tmpdir(), 'qunzhu-fuzz-'));
      for (let round = 0; round < ROUNDS; round++) {
        let target: string;
        if (statSync(input).isDirectory()) {
          target = join(work, `round-${round}`);
          cpSync(input, target, { recursive: true });
          const files = readdirSync(target, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
          const victim = files[random.int(files.length)];
          if (victim) {
            const path = join(victim.parentPath, victim.name);
            writeFileSync(path, mutate(readFileSync(path), random));
          }
        } else {
          target = join(work, `round-${round}-${input.split('/').pop()}`);
          writeFileSync(target, mutate(readFileSync(input), random));
        }
        const before = await store.events.count(c.id);
        try {
          await importFile(store, target, { communityId: c.id, platform: 'fuzz' });
        } catch (error) {
          if (!isQunzhuError(error)) {
            throw new Error(`seed ${SEED}, round ${round}, ${target}: not a QunzhuError: ${String(error)}`);
          }
          expect(error.message.length).toBeGreaterThan(10);
          // A failed file leaves nothing behind.
          expect(await store.events.count(c.id), `seed ${SEED}, round ${round}`).toEqual(before);
        }
      }
    });
  }
});
