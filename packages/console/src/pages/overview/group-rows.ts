// The groups table's rows: the group as registered, with its analytics from the report.
import type { Group, Lifecycle, Report } from '../../api/types.js';

export type GroupRow = Group & {
  activityRate: number;
  lastMessageAt: string | null;
  lifecycle: Lifecycle | null;
};

export const groupRows = (groups: readonly Group[], report: Report | undefined): GroupRow[] => {
  const byId = new Map((report?.groups ?? []).map((g) => [g.id, g]));
  return groups.map((g) => {
    const r = byId.get(g.id);
    return {
      ...g,
      activityRate: r?.activityRate ?? 0,
      lastMessageAt: r?.lastMessageAt ?? null,
      lifecycle: r?.lifecycle ?? null,
    };
  });
};

const STAGE_ORDER: Lifecycle['stage'][] = ['seed', 'growth', 'active', 'decline', 'dormant'];
export const stageRank = (row: GroupRow) => (row.lifecycle ? STAGE_ORDER.indexOf(row.lifecycle.stage) : -1);

/** Column filters the URL carries: `?type=lead&stage=decline&platform=telegram` (repeatable), plus `q`. */
export const FILTER_KEYS = ['platform', 'type', 'stage'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
