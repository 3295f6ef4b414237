import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type Day = { year: number; month: number; day: number };

const validDay = (year: number, month: number, day: number): Day | null => {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
    ? { year, month, day }
    : null;
};

/**
 * The day a log file name carries: ZNC `2016-06-01.log` (its default path `$NETWORK/$WINDOW/%Y-%m-%d.log`)
 * or `#chan_20160601.log` (older ZNC), irssi `#chan.2016-06-01.log`, the data set's `2004-12-25.train-c.raw.txt`.
 */
export const dayFromName = (name: string): Day | null => {
  const m = /(?:^|\D)((?:19|20)\d{2})(-?)(\d{2})\2(\d{2})(?!\d)/.exec(name);
  return m ? validDay(Number(m[1]), Number(m[3]), Number(m[4])) : null;
};

const EXTENSION = /(?:\.(?:log|txt|weechatlog))?(?:\.gz)?$/i;
const DATE_SUFFIX = /[._-](?:(?:19|20)\d{2}-?\d{2}(?:-?\d{2})?|\d{2}-\d{2})$/;

/**
 * The channel a file name names: `#debian_20160601.log`, `libera_#debian_20160601.log`,
 * `irc.libera.#debian.weechatlog`, `#debian.log`, `#debian.06-01.log`; null when there is no `#`.
 */
export const channelFromName = (name: string): string | null => {
  const at = name.indexOf('#');
  if (at < 0) return null;
  const channel = name.slice(at).replace(EXTENSION, '').replace(DATE_SUFFIX, '');
  return channel.length > 1 && !/\s/.test(channel) ? channel : null;
};

/** The channel a file's folder names (ZNC `<network>/<#channel>/<date>.log`, irssi `<network>/#chan.log`). */
export const channelFromFolder = (path: string): string | null => {
  const folder = basename(dirname(path));
  return folder.startsWith('#') && folder.length > 1 && !/\s/.test(folder) ? folder : null;
};

/** Files under a folder, `depth` levels down, in code-unit order of their paths; hidden entries left out. */
export const listFiles = (dir: string, depth: number): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return depth > 0 ? listFiles(path, depth - 1) : [];
      return entry.isFile() ? [path] : [];
    });
