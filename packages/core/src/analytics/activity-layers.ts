import { z } from 'zod';
import { addDays, dayNumber } from './dates.js';
import { parseOptions } from './options.js';
import { ACTIVITY_LAYERS, type ActivityLayer, type MemberActivity } from './types.js';

/** Thresholds of the activity layers; the message and day counts are those of the last 30 days. */
export const activityThresholdsSchema = z.object({
  /** 活跃者: at least this many days with a message… */
  activeDays: z.number().int().min(1).max(30).default(8),
  /** …or at least this many messages. */
  activeMessages: z.number().int().min(1).default(30),
  /** 参与者: at least this many messages. */
  participantMessages: z.number().int().min(1).default(2),
  /** 关注者: at least this many messages… */
  observerMessages: z.number().int().min(1).default(1),
  /** …or any event (a reaction, a command, a join) within this many days, `asOf` included. */
  observerSeenDays: z.number().int().min(1).max(366).default(30),
});
export type ActivityThresholds = z.output<typeof activityThresholdsSchema>;
export type ActivityThresholdsInput = z.input<typeof activityThresholdsSchema>;

export type ActivityLayering = {
  members: { memberId: number; name: string; layer: ActivityLayer }[];
  counts: Record<ActivityLayer, number>;
  /** Members who left every group of the scope: not layered. */
  left: number;
};

/** `listMembers: false` leaves the member list empty: a report of tens of thousands needs the counts only. */
export type LayeringOptions = { listMembers?: boolean };

const emptyLayerCounts = (): Record<ActivityLayer, number> =>
  Object.fromEntries(ACTIVITY_LAYERS.map((layer) => [layer, 0])) as Record<ActivityLayer, number>;

/** The layer of a member still present; the first rule that holds wins. */
const activityLayerOf = (m: MemberActivity, seenSince: number, t: ActivityThresholds): ActivityLayer => {
  if (m.activeDays30 >= t.activeDays || m.messages30 >= t.activeMessages) return 'active';
  if (m.messages30 >= t.participantMessages) return 'participant';
  if (m.messages30 >= t.observerMessages || dayNumber(m.lastSeen) >= seenSince) return 'observer';
  return 'lurker';
};

/** 用户分层 by activity over the last 30 days: 活跃者, 参与者, 关注者, 潜水者. */
export const activityLayers = (
  members: readonly MemberActivity[],
  asOf: string,
  thresholds?: ActivityThresholdsInput,
  options: LayeringOptions = {},
): ActivityLayering => {
  const list = options.listMembers ?? true;
  const t = parseOptions(activityThresholdsSchema, thresholds, 'activity layer thresholds');
  const seenSince = dayNumber(addDays(asOf, 1 - t.observerSeenDays));
  const counts = emptyLayerCounts();
  const layered: ActivityLayering['members'] = [];
  let left = 0;
  for (const m of members) {
    if (!m.present) {
      left++;
      continue;
    }
    const layer = activityLayerOf(m, seenSince, t);
    counts[layer]++;
    if (list) layered.push({ memberId: m.memberId, name: m.name, layer });
  }
  return { members: layered, counts, left };
};
