import { type Language, localTime } from '@qunzhu/core';
import type { Store } from '@qunzhu/store';

const reminderText: Record<Language, (p: { code: string; group: string; at: string }) => string> = {
  'zh-CN': (p) => `活码「${p.code}」中「${p.group}」的群二维码将于 ${p.at} 过期，请在群里生成新的二维码并上传。`,
  en: (p) =>
    `The group QR code of “${p.group}” in the live code “${p.code}” expires at ${p.at}: make a new one in the group and upload it.`,
};

const wallClock = (at: Date, timezone: string) => {
  const local = localTime(at, timezone);
  const hh = String(Math.floor(local.minutes / 60)).padStart(2, '0');
  const mm = String(local.minutes % 60).padStart(2, '0');
  return `${local.day} ${hh}:${mm}`;
};

/**
 * Tell stewards about group QRs that expire soon (each live code's notice, 24 h by default): one
 * `alert` action per QR version, in the QR's group, keyed so that a second server or a retry adds
 * nothing. Returns how many alerts were queued.
 */
export const remindExpiringQrs = async (store: Store, now: Date): Promise<number> => {
  const due = await store.liveCodes.dueReminders(now);
  const communities = new Map<number, Awaited<ReturnType<Store['communities']['get']>>>();
  for (const r of due) {
    let community = communities.get(r.communityId);
    if (!community) {
      community = await store.communities.get(r.communityId);
      communities.set(r.communityId, community);
    }
    await store.transaction(async (tx) => {
      await tx.playState.enqueueAction({
        communityId: r.communityId,
        groupId: r.groupId,
        play: 'live-codes',
        kind: 'alert',
        payload: {
          text: reminderText[community.language]({
            code: r.liveCodeName,
            group: r.groupName,
            at: wallClock(r.expiresAt, community.timezone),
          }),
          reason: 'live_code_qr_expiring',
          liveCodeId: r.liveCodeId,
          expiresAt: r.expiresAt.toISOString(),
        },
        idempotencyKey: `live-codes:qr-expiring:t${r.targetId}:v${r.qrVersion}`,
        at: now,
      });
      await tx.liveCodes.markReminded(r.communityId, r.targetId, r.qrVersion, now);
    });
  }
  return due.length;
};
