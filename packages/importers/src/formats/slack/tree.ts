import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { QunzhuError } from '@qunzhu/core';
import { openBytes, readHead } from '../../shared/source.js';
import { openZip } from '../../shared/zip.js';
import type { ImportSource } from '../../types.js';

/** `general/2024-03-04.json`: one day of one conversation. */
export const DAY_FILE = /^([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/;

/**
 * Where the export starts inside an input, as a prefix of its paths: '' when users.json and
 * channels.json are at the top, 'folder/' when they are one folder down (a zip re-made by macOS
 * Finder, or a folder holding the unzipped export). More than one means several exports.
 */
export const exportRoots = (paths: readonly string[]): string[] => {
  const all = new Set(paths);
  const roots: string[] = [];
  for (const path of paths) {
    const m = /^((?:[^/]+\/)?)users\.json$/.exec(path);
    const root = m?.[1];
    if (root !== undefined && !root.startsWith('__MACOSX/') && all.has(`${root}channels.json`)) roots.push(root);
  }
  return roots.includes('') ? [''] : roots.sort();
};

/** A Slack export as files relative to its root, whether it came as a folder or a zip. */
export type ExportTree = {
  /** Files of the export relative to its root, `/`-separated: the top files and those one folder down. */
  files: string[];
  /** The file in rejected records: its path for a folder, the entry name for a zip. */
  where(file: string): string;
  /** The file in error messages: as `where`, and for a zip `<zip>!<entry>`, as shared/zip.ts names entries. */
  describe(file: string): string;
  open(file: string): Promise<Readable>;
  close(): void;
};

const notAnExport = (path: string, what: string) =>
  new QunzhuError(
    'bad_input',
    `${path}: not a Slack export (${what}); give the folder or the .zip that Slack's "Export data" produced, with users.json and channels.json at its top`,
  );

const pickRoot = (path: string, paths: readonly string[]): string => {
  const roots = exportRoots(paths);
  const [root] = roots;
  if (root === undefined) throw notAnExport(path, 'no users.json with a channels.json beside it');
  if (roots.length > 1) {
    throw new QunzhuError(
      'bad_input',
      `${path}: holds ${roots.length} Slack exports (${roots.join(', ')}); import each one on its own`,
    );
  }
  return root;
};

const unreadableFolder = (path: string, error: unknown) =>
  new QunzhuError('bad_input', `${path}: cannot read the folder: ${(error as Error).message}`, { cause: error });

/** The files and folders directly in `dir`. */
const list = async (dir: string): Promise<{ files: string[]; dirs: string[] }> => {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return {
      files: entries.filter((e) => e.isFile()).map((e) => e.name),
      dirs: entries.filter((e) => e.isDirectory()).map((e) => e.name),
    };
  } catch (error) {
    throw unreadableFolder(dir, error);
  }
};

const folderTree = async (source: ImportSource): Promise<ExportTree> => {
  const top = await list(source.path);
  // Enough to find the root: the top files and, for a wrapping folder, the files one level down.
  const candidates = [...top.files];
  if (!top.files.includes('users.json')) {
    for (const dir of top.dirs)
      candidates.push(...(await list(join(source.path, dir))).files.map((f) => `${dir}/${f}`));
  }
  const root = pickRoot(source.path, candidates);
  const base = root === '' ? source.path : join(source.path, root);
  const rootTop = root === '' ? top : await list(base);
  const files = [...rootTop.files];
  for (const dir of rootTop.dirs) files.push(...(await list(join(base, dir))).files.map((f) => `${dir}/${f}`));
  const where = (file: string) => join(base, file);
  return {
    files,
    where,
    describe: where,
    open: async (file) => openBytes(where(file), source.counter),
    close: () => {},
  };
};

const zipTree = async (source: ImportSource): Promise<ExportTree> => {
  const zip = await openZip(source.path);
  try {
    const root = pickRoot(source.path, zip.entries);
    const files = zip.entries.filter((e) => e.startsWith(root)).map((e) => e.slice(root.length));
    return {
      files,
      where: (file) => root + file,
      describe: (file) => `${source.path}!${root}${file}`,
      // Counts the bytes as unzipped: openZip gives no compressed sizes (see the fixtures' README).
      open: (file) => zip.open(root + file, source.counter),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
};

/** Open a Slack export given as a folder or as a zip; throws bad_input for anything else. */
export const openExport = async (source: ImportSource): Promise<ExportTree> => {
  if (source.isDirectory) return folderTree(source);
  let head: Buffer;
  try {
    head = await readHead(source.path, 4);
  } catch (error) {
    throw new QunzhuError('bad_input', `${source.path}: cannot read the file: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (head[0] !== 0x50 || head[1] !== 0x4b) throw notAnExport(source.path, 'neither a folder nor a zip file');
  return zipTree(source);
};
