import { QunzhuError } from '@qunzhu/core';
import type { Command } from 'commander';
import { benchIngest } from '../bench/ingest.js';

export const benchCommand = (program: Command) => {
  const bench = program
    .command('bench')
    .description('measure and print (never assert) speed; each figure with its baseline from the same run');
  bench
    .command('ingest')
    .description('events/s through the import path vs raw batched inserts, on the embedded store and DATABASE_URL')
    .option('--events <n>', 'how many events', '200000')
    .option(
      '--data <dir>',
      'folder in which the throwaway embedded store is made (env QUNZHU_DATA; default: the system temp folder)',
    )
    .option('--json', 'print the figures as JSON too')
    .action(async (flags: { events: string; json?: boolean; data?: string }) => {
      const n = Number(flags.events);
      if (!Number.isInteger(n) || n < 1000)
        throw new QunzhuError('bad_input', '--events must be a whole number ≥ 1000');
      const parent = flags.data ?? process.env.QUNZHU_DATA;
      const rows = await benchIngest(n, (line) => process.stdout.write(`${line}\n`), parent);
      if (flags.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    });
  return bench;
};
