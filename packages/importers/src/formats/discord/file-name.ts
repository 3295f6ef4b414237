import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { QunzhuError } from '@qunzhu/core';

export type ExportFileName = {
  /** The channel id when the name carries one, else the name itself. */
  platformGroupId: string;
  name: string;
  /** 1 for the first (or only) file of a channel, n for `[part n]`. */
  part: number;
};

/**
 * What a DiscordChatExporter file name says: `Guild - Category - channel [123456789].csv`, with an
 * optional date range `(after 2020-01-01)` and, for the second and later parts of a partitioned
 * export, `[part 2]` (ExportRequest.GetDefaultOutputFileName, MessageExporter.GetPartitionFilePath).
 * A name without a bracketed id names the group as it is.
 */
export const parseExportFileName = (fileName: string): ExportFileName => {
  let base = fileName.replace(/\.(csv|json|tsv|txt)$/i, '');
  let part = 1;
  const partMatch = /\s*\[part (\d+)\]$/i.exec(base);
  if (partMatch) {
    part = Number(partMatch[1]);
    base = base.slice(0, partMatch.index);
  }
  const idMatch = /^(.*?)\s*\[(\d+)\](?:\s*\([^()]*\))?$/.exec(base);
  if (idMatch?.[2]) return { platformGroupId: idMatch[2], name: idMatch[1] || idMatch[2], part };
  return { platformGroupId: base, name: base, part };
};

/**
 * The export files in a folder (not its `_Files` media subfolders), the parts of one channel
 * together and in order: `[part 10]` after `[part 9]`.
 */
export const exportFilesIn = (dir: string, extension: string): string[] => {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith(extension) && !e.name.startsWith('.'))
    .map((e) => ({ path: join(dir, e.name), parsed: parseExportFileName(e.name) }));
  if (names.length === 0) {
    throw new QunzhuError('bad_input', `${dir}: this folder has no ${extension} files of a DiscordChatExporter export`);
  }
  return names
    .sort(
      (a, b) =>
        a.parsed.name.localeCompare(b.parsed.name) ||
        a.parsed.platformGroupId.localeCompare(b.parsed.platformGroupId) ||
        a.parsed.part - b.parsed.part,
    )
    .map((n) => n.path);
};
