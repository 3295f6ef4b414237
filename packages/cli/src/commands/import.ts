import { resolve } from 'node:path';
import { QunzhuError } from '@qunzhu/core';
import { IMPORT_FORMATS, type ImportFormat, parseCsvMapping } from '@qunzhu/importers';
import { type ImportSummary, importFile } from '@qunzhu/server';
import type { RootStore } from '@qunzhu/store';
import type { Command } from 'commander';
import { progressBar } from '../progress.js';
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

const describe = (s: ImportSummary) =>
  `${s.file} (${s.format}): ${s.dryRun ? `${s.events} events would be imported (dry run)` : `${s.inserted} new, ${s.duplicates} duplicate`}, ` +
  `${s.rejected} rejected in ${(s.ms / 1000).toFixed(1)} s` +
  (s.rejected > 0 ? `; rejected records in ${s.rejectsFile}` : '');

type Flags = {
  format?: string;
  community?: string;
  group?: string;
  tz: string;
  platform?: string;
  map?: string;
  encoding?: string;
  skipInvalid?: boolean;
  rejects?: string;
  dryRun?: boolean;
  json?: boolean;
  data?: string;
};

export const importCommand = (program: Command) =>
  withStoreOption(
    program
      .command('import')
      .description(
        'import chat history: Telegram, Discord, Slack, IRC, QQ, WeChat exports, Qunzhu JSONL or CSV (format detected ' +
          'from the content); importing the same export twice adds nothing',
      )
      .argument('<paths...>', 'export files or folders (.zip for Slack; .gz for JSONL)')
      .option('--format <format>', `the export's format: ${IMPORT_FORMATS.join(', ')}`)
      .option('--community <name>', 'community to import into; created if new (default: the only one)')
      .option('--group <name>', 'put everything into this group, whatever the export says')
      .option('--tz <zone>', 'time zone of timestamps without an offset', 'UTC')
      .option('--platform <name>', 'platform of users and groups for jsonl and csv (default: import)')
      .option('--map <mapping>', 'generic CSV columns, e.g. user=AuthorID,name=Author,at=Date,text=Content')
      .option(
        '--encoding <encoding>',
        'text encoding: auto (UTF-8, UTF-16, GB18030), utf8, utf16le, gb18030, latin1',
        'auto',
      )
      .option('--skip-invalid', 'import the valid records and write the rejected ones, with reasons, to a file')
      .option('--rejects <file>', 'where --skip-invalid writes rejected records (default: PATH.rejected.jsonl)')
      .option('--dry-run', 'read and report without storing anything')
      .option('--json', 'print the summary as JSON'),
  ).action(async (paths: string[], flags: Flags) => {
    if (flags.format && !(IMPORT_FORMATS as readonly string[]).includes(flags.format)) {
      throw new QunzhuError('bad_input', `--format must be one of ${IMPORT_FORMATS.join(', ')}; got "${flags.format}"`);
    }
    if (flags.platform && !/^[a-z][a-z0-9_-]{0,31}$/.test(flags.platform)) {
      throw new QunzhuError('bad_input', `--platform must be a short lower-case name, got "${flags.platform}"`);
    }
    if (!['auto', 'utf8', 'utf16le', 'gb18030', 'latin1'].includes(flags.encoding ?? 'auto')) {
      throw new QunzhuError('bad_input', '--encoding must be auto, utf8, utf16le, gb18030 or latin1');
    }
    if (flags.rejects && paths.length > 1) throw new QunzhuError('bad_input', '--rejects takes one input');
    const csvMapping = flags.map ? parseCsvMapping(flags.map) : undefined;
    await withStore(flags, async (store) => {
      const { community, created } = await pickCommunity(store, flags.community);
      if (created && !flags.json && !flags.dryRun) process.stderr.write(`created community "${community.name}"\n`);
      const summaries = [];
      for (const path of paths) {
        const bar = flags.json ? null : progressBar(path);
        try {
          const summary = await importFile(store, resolve(path), {
            communityId: community.id,
            tz: flags.tz,
            ...(flags.format ? { format: flags.format as ImportFormat } : {}),
            ...(flags.group ? { group: flags.group } : {}),
            ...(flags.platform ? { platform: flags.platform } : {}),
            ...(csvMapping ? { csvMapping } : {}),
            encoding: (flags.encoding ?? 'auto') as 'auto',
            skipInvalid: flags.skipInvalid ?? false,
            dryRun: flags.dryRun ?? false,
            ...(flags.rejects ? { rejectsPath: resolve(flags.rejects) } : {}),
            ...(bar ? { onProgress: bar.update } : {}),
          });
          summaries.push(summary);
          bar?.done();
          if (!flags.json) process.stdout.write(`${describe(summary)}\n`);
        } catch (error) {
          bar?.done();
          throw error;
        }
      }
      if (flags.json) process.stdout.write(`${JSON.stringify({ community: community.name, files: summaries })}\n`);
    });
  });
