import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ImportFormat } from '@qunzhu/importers';
import { openTestStore, type TestStore, testStoreKinds } from '@qunzhu/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from './import-file.js';

// Every importer fixture, imported twice through the whole path into a real store: the format is
// recognised from the content, the first import stores events, the second adds nothing.
const root = new URL('../../../importers/fixtures/', import.meta.url).pathname;

const expectedFormat = (path: string): ImportFormat | null => {
  const [folder] = relative(root, path).split('/');
  if (folder === 'discord') return path.endsWith('.json') ? 'discord-json' : 'discord-csv';
  if (folder === 'csv') return null; // generic CSV needs a column mapping; its own tests cover it
  return (folder as ImportFormat) ?? null;
};

const inputs = (): string[] => {
  const found: string[] = [];
  for (const format of readdirSync(root).sort()) {
    for (const name of readdirSync(join(root, format)).sort()) {
      const path = join(root, format, name);
      const isExportFolder = statSync(path).isDirectory();
      if (/\.(md|py|sh)$/i.test(name)) continue;
      if (isExportFolder || statSync(path).isFile()) found.push(path);
    }
  }
  return found;
};

describe.each(testStoreKinds())('re-importing every fixture on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.dispose();
  });

  for (const path of inputs()) {
    const format = expectedFormat(path);
    if (!format) continue;
    it(`${relative(root, path)} is recognised as ${format} and adds nothing the second time`, async () => {
      const c = await store.communities.create({ name: `reimport ${kind} ${relative(root, path)}` });
      // Some fixtures carry deliberately broken records; those are counted, not fatal, here.
      const options = { communityId: c.id, tz: 'Asia/Shanghai', skipInvalid: true, rejectsPath: '/dev/null' };
      const first = await importFile(store, path, options);
      expect(first.format).toBe(format);
      expect(first.inserted).toBeGreaterThan(0);
      const second = await importFile(store, path, options);
      expect(second).toMatchObject({
        inserted: 0,
        duplicates: first.inserted + first.duplicates,
        rejected: first.rejected,
      });
    });
  }
});
