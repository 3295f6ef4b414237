import type { Readable } from 'node:stream';
import { QunzhuError } from '@qunzhu/core';
import yauzl from 'yauzl';
import type { ByteCounter } from '../types.js';

export type ZipArchive = {
  /** File entries (folders left out), in the order of the archive. */
  entries: string[];
  open(name: string, counter?: ByteCounter): Promise<Readable>;
  close(): void;
};

const unreadable = (path: string, error: unknown) =>
  new QunzhuError(
    'bad_input',
    `${path}: not a readable zip file (truncated or damaged?): ${(error as Error).message}`,
    {
      cause: error,
    },
  );

/** Open a zip lazily: entries are listed at once, each is read as a stream when asked for. */
export const openZip = (path: string): Promise<ZipArchive> =>
  new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true },
      (error, zip) => {
        if (error || !zip) return reject(unreadable(path, error));
        const found = new Map<string, yauzl.Entry>();
        zip.on('error', (e) => reject(unreadable(path, e)));
        zip.on('entry', (entry: yauzl.Entry) => {
          if (!entry.fileName.endsWith('/')) found.set(entry.fileName, entry);
          zip.readEntry();
        });
        zip.on('end', () =>
          resolve({
            entries: [...found.keys()],
            close: () => zip.close(),
            open: (name, counter) =>
              new Promise((ok, fail) => {
                const entry = found.get(name);
                if (!entry) return fail(new QunzhuError('bad_input', `${path}: no entry ${name}`));
                zip.openReadStream(entry, (e, stream) => {
                  if (e || !stream) return fail(unreadable(`${path}!${name}`, e));
                  if (counter) stream.on('data', (chunk: Buffer) => counter.add(chunk.length));
                  ok(stream);
                });
              }),
          }),
        );
        zip.readEntry();
      },
    );
  });
