import type { Store } from '@qunzhu/store';

/**
 * The daily size of each segment: every segment without a size for its community's current local
 * day gets one. Run from the runtime's tick every minute (`Runtime.every`), it measures each segment just after local
 * midnight, and catches up at start after a night the server was down.
 */
export const takeSegmentSnapshots = async (store: Store, now: Date): Promise<number> => {
  let taken = 0;
  for (;;) {
    const missing = await store.segments.missingSnapshots(now, 100);
    if (missing.length === 0) return taken;
    for (const { communityId, segmentId } of missing) {
      await store.segments.snapshot(communityId, segmentId, now);
      taken += 1;
    }
  }
};
