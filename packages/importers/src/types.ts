import type { EventInput } from '@qunzhu/core';

export const IMPORT_FORMATS = [
  'telegram',
  'discord-json',
  'discord-csv',
  'slack',
  'irc',
  'qq',
  'wechat',
  'jsonl',
  'csv',
] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Generic CSV: which column holds what (names as in the header row). */
export type CsvMapping = {
  type?: string;
  group?: string;
  user: string;
  name?: string;
  at: string;
  text?: string;
  id?: string;
  replyTo?: string;
  inviter?: string;
};

export type ImportOptions = {
  /** IANA zone in which timestamps without an offset are read. */
  tz: string;
  /** One group for the whole import, overriding what the export says (and naming it where the export cannot). */
  group?: string;
  /** Platform of users and groups, for formats that do not imply one (jsonl, csv). */
  platform?: string;
  /** Generic CSV only. */
  csvMapping?: CsvMapping;
  /** Character encoding of text formats: 'auto' (default) detects UTF-8, UTF-16 and GB18030; Latin-1 must be named. */
  encoding?: 'auto' | 'utf8' | 'utf16le' | 'gb18030' | 'latin1';
};

export type ImportedRecord = { ok: true; event: EventInput };
/** A record that could not be read: where (inner file for folders and zips) and why. */
export type RejectedRecord = { ok: false; file: string; line: number; text: string; reason: string };
export type ImportRecord = ImportedRecord | RejectedRecord;

/** Counts bytes read from the input, for progress. */
export type ByteCounter = { add(bytes: number): void };

/** What an importer reads: a file or a folder. Zips are opened by the importer that expects them. */
export type ImportSource = {
  path: string;
  isDirectory: boolean;
  /** Total bytes of the input (a folder: of its files), for progress. */
  size: number;
  counter: ByteCounter;
};

/** A look at the input, enough to guess its format without reading it all. */
export type Probe = {
  path: string;
  /** File name without folders. */
  name: string;
  isDirectory: boolean;
  /** First 64 KiB of the file; for a folder, of its first file in name order. */
  head: Buffer;
  /** For a folder: its entries (relative paths, files only, two levels deep); for a zip: its entry names. */
  entries: string[];
};

export type Importer = {
  format: ImportFormat;
  /** For people: where the export comes from. */
  title: string;
  /** 0 (not this) … 1 (certainly this). */
  detect(probe: Probe): number;
  /** Records in the order of the export. A record that cannot be read is yielded as rejected, not thrown. */
  read(source: ImportSource, options: ImportOptions): AsyncGenerator<ImportRecord>;
};
