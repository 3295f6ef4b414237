import { resolve } from 'node:path';
import { QunzhuError } from '@qunzhu/core';
import { importJsonlFile } from '@qunzhu/server';
import type { RootStore } from '@qunzhu/store';
import type { Command } from 'commander';
import { withStore, withStoreOption } from '../store-option.js';

/** The named community (created if new), or the only one there is. */
const pickCommunity = async (store: RootStore, name: string | undefined) => {
  if (name) {
    const found = await store.communities.findByName(name);
    if (found) return { community: found, created: false };
    return { community: await store.communities.create({ name }), created: true };
  }
  const all = await store.communities.list();
  if (all.length === 1 && all[0]) return { community: all[0], created: false };
  throw new QunzhuError(
    'bad_input',
    all.length === 0
      ? 'no community yet: name one with --community NAME (it will be created)'
      : `several communities exist (${all.map((c) => c.name).join(', ')}): choose one with --community NAME`,
  );
};

export const importCommand = (program: Command) =>
  withStoreOption(
    program
      .command('import')
      .description('import chat history in Qunzhu JSONL (see docs/jsonl.md); importing a file twice adds nothing')
      .argument('<files...>', 'JSONL files (.jsonl, or .jsonl.gz)')
      .option('--community <name>', 'community to import into; created if new (default: the only one)')
      .option('--platform <name>', 'platform of users and groups for lines that name none', 'import')
      .option('--skip-invalid', 'import the valid lines and write the rejected ones, with reasons, to a file')
      .option('--rejects <file>', 'where --skip-invalid writes rejected lines (default: FILE.rejected.jsonl)')
      .option('--json', 'print the summary as JSON'),
  ).action(
    async (
      files: string[],
      flags: {
        community?: string;
        platform: string;
        skipInvalid?: boolean;
        rejects?: string;
        json?: boolean;
        data?: string;
      },
    ) => {
      if (!/^[a-z][a-z0-9_-]{0,31}$/.test(flags.platform)) {
        throw new QunzhuError('bad_input', `--platform must be a short lower-case name, got "${flags.platform}"`);
      }
      if (flags.rejects && files.length > 1) throw new QunzhuError('bad_input', '--rejects takes one input file');
      await withStore(flags, async (store) => {
        const { community, created } = await pickCommunity(store, flags.community);
        if (created && !flags.json) process.stderr.write(`created community "${community.name}"\n`);
        const summaries = [];
        for (const file of files) {
          const summary = await importJsonlFile(store, resolve(file), {
            communityId: community.id,
            platform: flags.platform,
            skipInvalid: flags.skipInvalid ?? false,
            ...(flags.rejects ? { rejectsPath: resolve(flags.rejects) } : {}),
          });
          summaries.push(summary);
          if (!flags.json) {
            process.stdout.write(
              `${file}: ${summary.inserted} new, ${summary.duplicates} duplicate, ${summary.rejected} rejected ` +
                `(${summary.lines} lines, ${(summary.ms / 1000).toFixed(1)} s)` +
                (summary.rejected > 0 ? `; rejected lines in ${summary.rejectsFile}` : '') +
                '\n',
            );
          }
        }
        if (flags.json) process.stdout.write(`${JSON.stringify({ community: community.name, files: summaries })}\n`);
      });
    },
  );
