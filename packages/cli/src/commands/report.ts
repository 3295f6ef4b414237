import { QunzhuError } from '@qunzhu/core';
import { buildReport, type Report } from '@qunzhu/server';
import type { RootStore } from '@qunzhu/store';
import type { Command } from 'commander';
import { withStore, withStoreOption } from '../store-option.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const STAGE: Record<string, string> = {
  seed: '萌芽 seed',
  growth: '成长 growth',
  active: '活跃 active',
  decline: '衰退 decline',
  dormant: '沉寂 dormant',
};

/** A readable summary for a terminal: the numbers an operator looks at first. */
export const formatReport = (r: Report): string => {
  const lines: string[] = [];
  const scope = r.scope.groups ? r.scope.groups.map((g) => g.name).join(', ') : 'all groups';
  lines.push(
    `${r.scope.community.name} — ${scope}, ${r.scope.from ?? 'beginning'} … ${r.scope.to ?? r.scope.asOf} (${r.scope.tz})`,
  );
  const t = r.totals;
  lines.push(
    `  messages ${t.messages} · members seen ${t.members} · active ${t.activeMembers} · joins ${t.joins} · leaves ${t.leaves}`,
  );
  const a = r.activity;
  lines.push(
    `  members now ${a.members} · active 7 days ${a.activeLast7Days} (${pct(a.activityRate7)}) · 30 days ${a.activeLast30Days} (${pct(a.activityRate30)})`,
  );
  lines.push(
    `  lifecycle ${STAGE[r.lifecycle.stage] ?? r.lifecycle.stage} since ${r.lifecycle.since} · health ${r.health.score}/100`,
  );
  lines.push(
    `  layers ${Object.entries(r.layers.activity)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  lines.push('  month     messages  active  joins  leaves');
  for (const m of r.monthly) {
    lines.push(
      `  ${m.month}  ${String(m.messages).padStart(8)}  ${String(m.activeMembers).padStart(6)}  ${String(m.joins).padStart(5)}  ${String(m.leaves).padStart(6)}`,
    );
  }
  lines.push(
    `  top members: ${r.topMembers
      .slice(0, 10)
      .map((m) => `${m.name} (${m.messages})`)
      .join(', ')}`,
  );
  if (r.alerts.length > 0) {
    lines.push('  alerts:');
    for (const alert of r.alerts.slice(0, 20))
      lines.push(`    [${alert.severity}] ${alert.message['zh-CN']} / ${alert.message.en}`);
    if (r.alerts.length > 20) lines.push(`    … and ${r.alerts.length - 20} more (--json for all)`);
  }
  if (r.groups.length > 1) {
    lines.push('  groups:');
    for (const g of r.groups) {
      lines.push(
        `    ${g.name} (${g.platform}, ${g.type}): ${g.members} members, ${g.messages} messages, ${STAGE[g.lifecycle.stage] ?? g.lifecycle.stage}, health ${g.health.score}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
};

export const community = async (store: RootStore, name: string | undefined) => {
  if (name) {
    const found = await store.communities.findByName(name);
    if (!found) throw new QunzhuError('not_found', `no community named "${name}"`);
    return found;
  }
  const all = await store.communities.list();
  if (all.length === 1 && all[0]) return all[0];
  throw new QunzhuError(
    'bad_input',
    all.length === 0
      ? 'no community yet: import some history first'
      : `choose one with --community: ${all.map((c) => c.name).join(', ')}`,
  );
};

export const reportCommand = (program: Command) =>
  withStoreOption(
    program
      .command('report')
      .description('activity, retention, layers, lifecycle, health and alerts of a community (docs/analytics.md)')
      .option('--community <name>', 'community (default: the only one)')
      .option('--group <name>', 'only this group (by name; repeat for several)', (v: string, all: string[] = []) => [
        ...all,
        v,
      ])
      .option('--from <date>', 'first day, YYYY-MM-DD')
      .option('--to <date>', 'last day, YYYY-MM-DD (default: today); "now" for silence and recency')
      .option('--tz <zone>', "time zone of days (default: the community's)")
      .option('--json', 'one JSON document (schema: docs/report.schema.json)'),
  ).action(
    async (flags: {
      community?: string;
      group?: string[];
      from?: string;
      to?: string;
      tz?: string;
      json?: boolean;
      data?: string;
    }) => {
      await withStore(flags, async (store) => {
        const c = await community(store, flags.community);
        const groupIds: number[] = [];
        for (const name of flags.group ?? []) {
          const found = await store.groups.findByName(c.id, name);
          if (found.length === 0) throw new QunzhuError('not_found', `no group named "${name}" in ${c.name}`);
          groupIds.push(...found.map((g) => g.id));
        }
        const report = await buildReport(store, {
          communityId: c.id,
          ...(groupIds.length > 0 ? { groupIds } : {}),
          ...(flags.from ? { from: flags.from } : {}),
          ...(flags.to ? { to: flags.to } : {}),
          ...(flags.tz ? { tz: flags.tz } : {}),
        });
        process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : formatReport(report));
      });
    },
  );
