import { QunzhuError } from '@qunzhu/core';
import type { Command } from 'commander';
import { benchConsole } from '../bench/console.js';
import { benchEngine } from '../bench/engine.js';
import { BENCH_FORMATS, type BenchFormat } from '../bench/generate.js';
import { benchImport } from '../bench/import.js';
import { benchIngest } from '../bench/ingest.js';
import { benchReport, REPORT_SHAPES } from '../bench/report.js';
import { benchSpam } from '../bench/spam.js';
import { parseBenchStores } from '../bench/stores.js';

/** Which stores a benchmark measures; PostgreSQL alone spares the embedded store's long runs. */
const STORES_OPTION = [
  '--stores <list>',
  'stores to measure, comma-separated: embedded, postgres (at DATABASE_URL)',
  'embedded,postgres',
] as const;

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
    .option(...STORES_OPTION)
    .option('--json', 'print the figures as JSON too')
    .action(async (flags: { events: string; json?: boolean; data?: string; stores: string }) => {
      const n = Number(flags.events);
      if (!Number.isInteger(n) || n < 1000)
        throw new QunzhuError('bad_input', '--events must be a whole number ≥ 1000');
      const parent = flags.data ?? process.env.QUNZHU_DATA;
      const stores = parseBenchStores(flags.stores);
      const rows = await benchIngest(n, (line) => process.stdout.write(`${line}\n`), parent, stores);
      if (flags.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    });
  bench
    .command('import')
    .description('generated exports of each format through the whole import path: events/s vs raw inserts, and RSS')
    .option('--size-mb <n>', 'size of each generated export in MB', '1024')
    .option('--formats <list>', `comma-separated: ${BENCH_FORMATS.join(',')}`, BENCH_FORMATS.join(','))
    .option(
      '--data <dir>',
      'folder in which the throwaway exports and store are made (default: the system temp folder)',
    )
    .option(...STORES_OPTION)
    .option('--json', 'print the figures as JSON too')
    .action(async (flags: { sizeMb: string; formats: string; data?: string; json?: boolean; stores: string }) => {
      const size = Number(flags.sizeMb);
      if (!Number.isFinite(size) || size < 1) throw new QunzhuError('bad_input', '--size-mb must be a number ≥ 1');
      const formats = flags.formats.split(',').map((f) => f.trim());
      for (const f of formats) {
        if (!(BENCH_FORMATS as readonly string[]).includes(f)) {
          throw new QunzhuError('bad_input', `--formats: "${f}" is not one of ${BENCH_FORMATS.join(', ')}`);
        }
      }
      const stores = parseBenchStores(flags.stores);
      const rows = await benchImport(
        formats as BenchFormat[],
        size * 1e6,
        (line) => process.stdout.write(`${line}\n`),
        flags.data ?? process.env.QUNZHU_DATA,
        stores,
      );
      if (flags.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    });
  bench
    .command('report')
    .description('a large synthetic community: ingest with and without rollup upkeep, report time vs plain SQL')
    .option('--events <n>', 'message events in the community', '10000000')
    .option(
      '--shape <shape>',
      `${REPORT_SHAPES.join(' or ')}: messages in sessions of members who join and leave, or each on its own random day (the earlier generator)`,
      'sessions',
    )
    .option('--data <dir>', 'folder in which the throwaway store is made (default: the system temp folder)')
    .option(...STORES_OPTION)
    .option('--json', 'print the figures as JSON too')
    .action(async (flags: { events: string; shape: string; data?: string; json?: boolean; stores: string }) => {
      const n = Number(flags.events);
      if (!Number.isInteger(n) || n < 10_000)
        throw new QunzhuError('bad_input', '--events must be a whole number ≥ 10000');
      const shape = REPORT_SHAPES.find((s) => s === flags.shape);
      if (!shape)
        throw new QunzhuError('bad_input', `--shape must be one of ${REPORT_SHAPES.join(', ')}, got "${flags.shape}"`);
      const stores = parseBenchStores(flags.stores);
      const rows = await benchReport(
        n,
        (line) => process.stdout.write(`${line}\n`),
        flags.data ?? process.env.QUNZHU_DATA,
        shape,
        stores,
      );
      if (flags.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    });
  bench
    .command('console')
    .description(
      "the console's initial JavaScript (gzipped) and the overview's report call on the demo community (p50, p95)",
    )
    .option('--calls <n>', 'report calls to time', '50')
    .action(async (flags: { calls: string }) => {
      const n = Number(flags.calls);
      if (!Number.isInteger(n) || n < 5) throw new QunzhuError('bad_input', '--calls must be a whole number ≥ 5');
      await benchConsole(n, (line) => process.stdout.write(`${line}\n`));
    });
  bench
    .command('engine')
    .description(
      'events/s through the engine with the engagement plays on: in memory vs no plays, and end to end into each store vs ingest alone',
    )
    .option('--events <n>', 'events through the engine in memory', '200000')
    .option('--end-to-end <n>', 'events through ingest, plays and outbox into each store', '20000')
    .option('--history <n>', 'events sent first, untimed, so the end-to-end figure is of a community already live', '0')
    .option('--data <dir>', 'folder in which the throwaway embedded store is made (default: the system temp folder)')
    .option(...STORES_OPTION)
    .option('--json', 'print the figures as JSON too')
    .action(
      async (flags: {
        events: string;
        endToEnd: string;
        history: string;
        data?: string;
        json?: boolean;
        stores: string;
      }) => {
        const n = Number(flags.events);
        const e2e = Number(flags.endToEnd);
        const history = Number(flags.history);
        if (!Number.isInteger(history) || history < 0 || history > 10_000_000)
          throw new QunzhuError('bad_input', '--history must be a whole number from 0 to 10000000');
        if (!Number.isInteger(n) || n < 1000)
          throw new QunzhuError('bad_input', '--events must be a whole number ≥ 1000');
        if (!Number.isInteger(e2e) || e2e < 500 || e2e > n)
          throw new QunzhuError('bad_input', '--end-to-end must be a whole number from 500 to --events');
        const stores = parseBenchStores(flags.stores);
        const rows = await benchEngine(
          n,
          e2e,
          (line) => process.stdout.write(`${line}\n`),
          flags.data ?? process.env.QUNZHU_DATA,
          stores,
          history,
        );
        if (flags.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
      },
    );
  bench
    .command('spam')
    .description('messages/s of the spam classifier on one core vs a keyword regex scan of the same messages')
    .option('--messages <n>', 'how many messages to classify', '500000')
    .option('--data <csv>', 'labelled messages to repeat (default: ../shared/data/spam-zh/train.csv, else the fixture)')
    .option('--model <file>', 'a model file (default: the shipped spam-zh model)')
    .option('--json', 'print the figures as JSON too')
    .action(async (flags: { messages: string; data?: string; model?: string; json?: boolean }) => {
      const n = Number(flags.messages);
      if (!Number.isInteger(n) || n < 10_000)
        throw new QunzhuError('bad_input', '--messages must be a whole number ≥ 10000');
      const options: { data?: string; model?: string } = {};
      if (flags.data) options.data = flags.data;
      if (flags.model) options.model = flags.model;
      const rows = await benchSpam(n, (line) => process.stdout.write(`${line}\n`), options);
      if (flags.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    });
  return bench;
};
