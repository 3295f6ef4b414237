import { readFileSync } from 'node:fs';
import { createSandboxAdapter } from '@qunzhu/adapters';
import { createBuiltinRegistry, isQunzhuError, type PlayRegistry, QunzhuError, systemClock } from '@qunzhu/core';
import { backtestPlay, Runtime, withTriggers } from '@qunzhu/server';
import type { Command } from 'commander';
import { withStore, withStoreOption } from '../store-option.js';
import { community } from './report.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a calendar day starts in a time zone (00:00 local), for --from/--to. */
export const startOfDay = (day: string, tz: string): Date => {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new QunzhuError('bad_input', `"${day}" is not a date; write YYYY-MM-DD`);
  }
  let parts: Intl.DateTimeFormatPart[];
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const offsetAt = (instant: number): number => {
    try {
      parts = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }).formatToParts(new Date(instant));
    } catch {
      throw new QunzhuError('bad_input', `"${tz}" is not an IANA time zone (e.g. Asia/Shanghai, UTC)`);
    }
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - instant;
  };
  // Twice, so a day that starts next to a daylight-saving change lands on the right offset.
  const first = utcMidnight - offsetAt(utcMidnight);
  return new Date(utcMidnight - offsetAt(first));
};

const readJson = (file: string, what: string): unknown => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new QunzhuError('bad_input', `${file}: cannot read the ${what} (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new QunzhuError('bad_input', `${file}: the ${what} is not JSON (${(error as Error).message})`);
  }
};

/** Parse a file with the registry; errors name the file, then the field (`triggers[0].patterns[0]`). */
const parseFile = (file: string, what: string, parse: (value: unknown) => unknown): unknown => {
  const value = readJson(file, what);
  try {
    parse(value);
  } catch (error) {
    if (isQunzhuError(error)) throw new QunzhuError('bad_input', `${file}: ${error.message}`, { cause: error });
    throw error;
  }
  return value;
};

type Result = Awaited<ReturnType<typeof backtestPlay>>;

const counts = (label: string, record: Record<string, number>): string[] => {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return [`  ${label}: none`];
  return [`  ${label}:`, ...entries.map(([k, n]) => `    ${k.padEnd(16)} ${String(n).padStart(7)}`)];
};

const oneLine = (text: string, max = 100) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export const formatBacktest = (
  r: Result & { sample: { kind: string; at: Date; payload: Record<string, unknown>; trigger: unknown }[] },
  scope: string,
): string => {
  const lines = [
    `回测 backtest of ${r.play} — ${scope}`,
    `  events replayed ${r.eventsReplayed} · actions ${r.actions.length} · ledger entries ${r.ledger.length} · play failures ${r.failures.length}`,
    ...counts('actions by kind 按动作', r.actionsByKind),
    ...counts('actions by reason 按原因', r.actionsByReason),
  ];
  if (r.assumedCapabilities.length > 0) {
    lines.push(`  (${r.assumedCapabilities.length} group(s) have no live connection: every capability was assumed)`);
  }
  if (r.sample.length > 0) lines.push('  samples 样例:');
  for (const a of r.sample) {
    const t = a.trigger as { at: Date; memberName: string; text: string | null; type: string } | null;
    const what = typeof a.payload.text === 'string' ? ` "${oneLine(a.payload.text)}"` : '';
    const reason = typeof a.payload.reason === 'string' ? ` [${a.payload.reason}]` : '';
    lines.push(`    ${a.at.toISOString()} ${a.kind}${reason}${what}`);
    if (t)
      lines.push(`      ← ${t.at.toISOString()} ${t.memberName}: ${t.text === null ? `(${t.type})` : oneLine(t.text)}`);
  }
  return `${lines.join('\n')}\n`;
};

export const backtestCommand = (program: Command) =>
  withStoreOption(
    program
      .command('backtest')
      .description('replay stored history through a play with a candidate configuration: what would it have done?')
      .requiredOption('--play <name>', 'the play (welcome, rules, auto-reply, …)')
      .requiredOption('--config <file>', "the candidate configuration, a JSON file (the play's config object)")
      .option('--shared <file>', "a candidate shared configuration (JSON); default: the community's stored one")
      .option('--community <name>', 'community (default: the only one)')
      .option('--group <name>', 'only this group (by name; repeat for several)', (v: string, all: string[] = []) => [
        ...all,
        v,
      ])
      .option('--from <date>', 'first day, YYYY-MM-DD')
      .option('--to <date>', 'last day, YYYY-MM-DD (inclusive)')
      .option('--tz <zone>', "time zone of days (default: the community's)")
      .option('--sample <n>', 'how many actions to show with their triggering messages', '10')
      .option('--json', 'one JSON document'),
  ).action(
    async (flags: {
      play: string;
      config: string;
      shared?: string;
      community?: string;
      group?: string[];
      from?: string;
      to?: string;
      tz?: string;
      sample: string;
      json?: boolean;
      data?: string;
    }) => {
      const registry: PlayRegistry = createBuiltinRegistry();
      registry.get(flags.play);
      const sample = Number(flags.sample);
      if (!Number.isInteger(sample) || sample < 0 || sample > 1000) {
        throw new QunzhuError('bad_input', '--sample must be a whole number from 0 to 1000');
      }
      const config = parseFile(flags.config, `configuration of play "${flags.play}"`, (v) =>
        registry.parseConfig(flags.play, v),
      );
      const shared = flags.shared
        ? parseFile(flags.shared, `shared configuration of play "${flags.play}"`, (v) =>
            registry.parseShared(flags.play, v),
          )
        : undefined;
      await withStore(flags, async (store) => {
        const c = await community(store, flags.community);
        const tz = flags.tz ?? c.timezone;
        const groupIds: number[] = [];
        for (const name of flags.group ?? []) {
          const found = await store.groups.findByName(c.id, name);
          if (found.length === 0) throw new QunzhuError('not_found', `no group named "${name}" in ${c.name}`);
          groupIds.push(...found.map((g) => g.id));
        }
        const from = flags.from ? startOfDay(flags.from, tz) : undefined;
        const to = flags.to ? new Date(startOfDay(flags.to, tz).getTime() + 86_400_000 - 1) : undefined;
        if (from && to && from > to) {
          throw new QunzhuError('bad_input', `the period is empty: from ${flags.from} is after to ${flags.to}`);
        }
        const quiet = { info: () => {}, warn: () => {}, error: () => {} };
        const runtime = new Runtime({
          store,
          registry,
          adapters: [createSandboxAdapter()],
          clock: systemClock,
          log: quiet,
        });
        const result = await backtestPlay(runtime, {
          communityId: c.id,
          play: flags.play,
          config,
          ...(shared === undefined ? {} : { shared }),
          ...(groupIds.length > 0 ? { groupIds } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        });
        const sampled = await withTriggers(runtime, c.id, result.actions.slice(0, sample));
        if (flags.json) {
          const { actions: _a, ledger: _l, failures, ...rest } = result;
          const doc = {
            ...rest,
            community: c.name,
            groups: flags.group ?? null,
            from: flags.from ?? null,
            to: flags.to ?? null,
            tz,
            actionCount: result.actions.length,
            ledgerCount: result.ledger.length,
            failures: failures.map((f) => ({ play: f.play, trigger: f.trigger, error: String(f.error) })),
            sample: sampled,
          };
          process.stdout.write(`${JSON.stringify(doc)}\n`);
          return;
        }
        const scope = `${c.name}${flags.group ? ` (${flags.group.join(', ')})` : ''}, ${flags.from ?? 'beginning'} … ${flags.to ?? 'now'} (${tz})`;
        process.stdout.write(formatBacktest({ ...result, sample: sampled }, scope));
      });
    },
  );
