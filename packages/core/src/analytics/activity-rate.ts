/**
 * 活跃度: the share of members with at least one message in a period. 0 when there are no members.
 * Capped at 1: a member who posts and leaves in the same week is active but no longer counted in the
 * members at the week's end.
 */
export const activityRate = (activeMembers: number, members: number): number =>
  members <= 0 ? 0 : Math.min(1, Math.max(0, activeMembers / members));
