// Plumbing shared by the tests of every format. Named *.test-support.ts so the build leaves it out.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { EventInput } from '@qunzhu/core';
import { inputSize } from './registry.js';
import type { Importer, ImportOptions, ImportRecord, Probe, RejectedRecord } from './types.js';

/** What an importer yielded for one input, and how many bytes it counted. */
export type ReadResult = { records: ImportRecord[]; events: EventInput[]; rejected: RejectedRecord[]; bytes: number };

/**
 * Reads a file or folder to the end with `importer`, as the CLI would. `seen` receives each record as
 * it comes, so a caller whose read fails still has what came before.
 */
export const readAll = async (
  importer: Importer,
  path: string,
  options: ImportOptions,
  seen: ImportRecord[] = [],
): Promise<ReadResult> => {
  let bytes = 0;
  const counter = {
    add: (n: number) => {
      bytes += n;
    },
  };
  const source = { path, isDirectory: statSync(path).isDirectory(), size: inputSize(path), counter };
  for await (const r of importer.read(source, options)) seen.push(r);
  return { records: seen, events: events(seen), rejected: seen.filter((r): r is RejectedRecord => !r.ok), bytes };
};

/** The events of the records read, in order. */
export const events = (records: ImportRecord[]): EventInput[] => records.flatMap((r) => (r.ok ? [r.event] : []));

/** How many events are of one type. */
export const count = (list: EventInput[], type: EventInput['type']): number =>
  list.filter((e) => e.type === type).length;

/** Messages, joins, leaves and service events, counted. */
export const byType = (list: EventInput[]) => ({
  message: count(list, 'message'),
  join: count(list, 'join'),
  leave: count(list, 'leave'),
  service: count(list, 'service'),
});

/** How many different people the events are by. */
export const members = (list: EventInput[]): number => new Set(list.map((e) => e.actor.platformUserId)).size;

/** What `promise` fails with; a promise that does not fail fails the test. */
export const failure = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};

/** A look at a file as detect() gets it from the registry: its first 64 KiB. */
export const probe = (path: string): Probe => ({
  path,
  name: basename(path),
  isDirectory: false,
  head: readFileSync(path).subarray(0, 64 * 1024),
  entries: [],
});

/**
 * A scratch folder for one test file. `write(content, name?)` puts a file in it (a name may hold
 * folders) and returns its path; unnamed files are called `fileName(0)`, `fileName(1)`, …
 */
export const scratch = (label: string, fileName: (n: number) => string = (n) => `f${n}`) => {
  const dir = mkdtempSync(join(tmpdir(), `qunzhu-${label}-`));
  let n = 0;
  const write = (content: string | Buffer, name = fileName(n++)): string => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  return { dir, write };
};
