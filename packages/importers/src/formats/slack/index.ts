import { clean } from '../../shared/source.js';
import type { Importer, ImportRecord } from '../../types.js';
import { readDay } from './day.js';
import { readDirectory } from './directory.js';
import type { Destination } from './message.js';
import { DAY_FILE, exportRoots, openExport } from './tree.js';

const PLATFORM = 'slack';

/** Channel folder → its day files, both in name order (which for `YYYY-MM-DD.json` is time order). */
const dayFiles = (files: readonly string[]): [string, string[]][] => {
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
    const folder = DAY_FILE.exec(file)?.[1];
    if (folder === undefined) continue;
    const days = byFolder.get(folder) ?? [];
    days.push(file);
    byFolder.set(folder, days);
  }
  return [...byFolder.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([folder, days]) => [folder, days.sort()]);
};

/**
 * A Slack workspace export (https://slack.com/help/articles/220556107): a folder, or the .zip Slack
 * gives, with users.json, channels.json and one folder of day files per conversation. Message ids
 * are Slack's `ts`, unique within a channel; with `options.group` several channels share one group,
 * so ids are then prefixed with the channel id to stay unique.
 */
export const slackImporter: Importer = {
  format: 'slack',
  title: 'Slack workspace export (folder or .zip)',
  detect(probe) {
    if (!probe.isDirectory && (probe.head[0] !== 0x50 || probe.head[1] !== 0x4b)) return 0;
    const paths = probe.entries.map((e) => e.replaceAll('\\', '/'));
    const [root] = exportRoots(paths);
    if (root === undefined) return 0;
    return paths.some((p) => p.startsWith(root) && DAY_FILE.test(p.slice(root.length))) ? 0.95 : 0.6;
  },
  async *read(source, options): AsyncGenerator<ImportRecord> {
    const tree = await openExport(source);
    try {
      const { names, conversations } = await readDirectory(tree);
      for (const [folder, days] of dayFiles(tree.files)) {
        // A folder that no list names is still a conversation; its name is all there is to go by.
        const conversation = conversations.get(folder) ?? { id: `name:${clean(folder)}`, name: clean(folder) };
        const to: Destination = options.group
          ? {
              group: { platform: PLATFORM, platformGroupId: options.group, name: options.group },
              idPrefix: `${conversation.id}:`,
            }
          : { group: { platform: PLATFORM, platformGroupId: conversation.id, name: conversation.name }, idPrefix: '' };
        for (const day of days) yield* readDay(tree, day, names, to);
      }
    } finally {
      tree.close();
    }
  },
};
