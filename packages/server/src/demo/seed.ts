import { fileURLToPath } from 'node:url';
import { SANDBOX_PLATFORM } from '@qunzhu/adapters';
import type { Community, PlayRegistry } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';
import { type ImportSummary, importFile } from '../imports/import-file.js';

/** Real #ubuntu IRC history (CC-BY-4.0, see demo/SOURCE.md), converted to Qunzhu JSONL. */
export const DEMO_HISTORY = fileURLToPath(new URL('../../demo/ubuntu-irc.jsonl', import.meta.url));
export const DEMO_COMMUNITY = '演示社群 Demo';

export type DemoResult = { community: Community; imported: ImportSummary; sandboxGroupId: number };

/**
 * On an empty store: a demo community with the imported history and a sandbox group whose
 * welcome play is on, so an operator can try it at once. Returns null when communities exist.
 */
export const seedDemo = async (store: Store, registry: PlayRegistry): Promise<DemoResult | null> => {
  if ((await store.communities.list()).length > 0) return null;
  const community = await store.communities.create({ name: DEMO_COMMUNITY, timezone: 'UTC', language: 'zh-CN' });
  const imported = await importFile(store, DEMO_HISTORY, {
    communityId: community.id,
    format: 'jsonl',
    platform: 'irc',
  });
  for (const group of await store.groups.listPlain(community.id)) {
    await store.groups.update(community.id, group.id, { type: 'fan' });
  }
  const sandbox = await store.groups.create(community.id, {
    platform: SANDBOX_PLATFORM,
    platformGroupId: 'sbx-demo',
    name: '沙盒 Sandbox',
    type: 'lead',
  });
  const config = registry.parseConfig('welcome', {
    rules: '请先阅读群公告：友善交流，禁止广告。Please read the announcement: be kind, no ads.',
    burstWindowSeconds: 10,
  });
  await store.plays.put(community.id, { groupId: sandbox.id, play: 'welcome', enabled: true, config }, null);
  // Engagement is on too, so "打卡" in the sandbox shows check-ins, points and the leaderboard at once.
  for (const play of ['check-in', 'points', 'levels', 'badges']) {
    const defaults = registry.parseConfig(play, {});
    await store.plays.put(community.id, { groupId: sandbox.id, play, enabled: true, config: defaults }, null);
  }
  return { community, imported, sandboxGroupId: sandbox.id };
};
