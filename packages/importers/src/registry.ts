import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { QunzhuError } from '@qunzhu/core';
import { csvImporter } from './formats/csv/index.js';
import { discordCsvImporter, discordJsonImporter } from './formats/discord/index.js';
import { ircImporter } from './formats/irc/index.js';
import { jsonlImporter } from './formats/jsonl/index.js';
import { qqImporter } from './formats/qq/index.js';
import { slackImporter } from './formats/slack/index.js';
import { telegramImporter } from './formats/telegram/index.js';
import { wechatImporter } from './formats/wechat/index.js';
import { readHead } from './shared/source.js';
import { openZip } from './shared/zip.js';
import type { Importer, ImportFormat, Probe } from './types.js';

/** Every importer, most specific first (ties in detection go to the earlier one). */
export const importers: readonly Importer[] = [
  telegramImporter,
  discordJsonImporter,
  slackImporter,
  wechatImporter,
  discordCsvImporter,
  qqImporter,
  ircImporter,
  jsonlImporter,
  csvImporter,
];

export const importerFor = (format: ImportFormat): Importer => {
  const found = importers.find((i) => i.format === format);
  if (!found) {
    throw new QunzhuError(
      'bad_input',
      `unknown format "${format}"; known: ${importers.map((i) => i.format).join(', ')}`,
    );
  }
  return found;
};

const listFiles = (dir: string, depth: number): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return depth > 0 ? listFiles(path, depth - 1) : [];
      return entry.isFile() ? [path] : [];
    });

/** Total bytes of a file, or of the files in a folder (two levels deep). */
export const inputSize = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return listFiles(path, 2).reduce((sum, file) => sum + statSync(file).size, 0);
};

/** Look at an input without reading it all. */
export const probeInput = async (path: string): Promise<Probe> => {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    throw new QunzhuError('bad_input', `${path}: no such file or folder`);
  }
  if (stat.isDirectory()) {
    const files = listFiles(path, 2);
    return {
      path,
      name: basename(path),
      isDirectory: true,
      head: files[0] ? await readHead(files[0]) : Buffer.alloc(0),
      entries: files.map((f) => relative(path, f)),
    };
  }
  const head = await readHead(path);
  let entries: string[] = [];
  if (head[0] === 0x50 && head[1] === 0x4b) {
    const zip = await openZip(path);
    entries = zip.entries;
    zip.close();
  }
  return { path, name: basename(path), isDirectory: false, head, entries };
};

/** The importer for an input: the one named, or the one most sure of the content. */
export const detectImporter = async (
  path: string,
  format?: ImportFormat,
): Promise<{ importer: Importer; probe: Probe }> => {
  const probe = await probeInput(path);
  if (format) return { importer: importerFor(format), probe };
  let best: { importer: Importer; score: number } | null = null;
  for (const importer of importers) {
    const score = importer.detect(probe);
    if (score > 0 && (!best || score > best.score)) best = { importer, score };
  }
  if (!best || best.score < 0.3) {
    throw new QunzhuError(
      'bad_input',
      `${path}: cannot tell which export this is; name it with --format (${importers.map((i) => i.format).join(', ')})`,
    );
  }
  return { importer: best.importer, probe };
};
