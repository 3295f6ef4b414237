/** The member filter the API takes (members list and saved segments share it; docs/segments.md). */
export type MemberFilter = {
  q?: string;
  layers?: ('active' | 'participant' | 'observer' | 'lurker')[];
  loyaltyLayers?: ('none' | 'low' | 'medium' | 'high' | 'loyal')[];
  tagsAny?: string[];
  tagsAll?: string[];
  tagsNone?: string[];
  activity?: { days: number; minMessages: number };
  lastActiveBefore?: string;
  lastActiveFrom?: string;
  pointsMin?: number;
  pointsMax?: number;
  joinedFrom?: string;
  joinedTo?: string;
  groupIds?: number[];
  groupTypes?: string[];
  platforms?: string[];
};

export type Segment = {
  id: number;
  name: string;
  description: string;
  filter: MemberFilter;
  createdAt: string;
  updatedAt: string;
  lastSize: { day: string; size: number } | null;
};

export type SegmentMember = { id: number; displayName: string; firstSeenAt: string | null; lastSeenAt: string | null };
export type MembersPage = { items: SegmentMember[]; total: number; page: number; pageSize: number };

export type PondStats = {
  segment: number;
  inTarget: number;
  waiting: number;
  unreachable: number;
  invited: number;
  converted: number;
};
export type Pond = {
  id: number;
  name: string;
  segmentId: number;
  segmentName: string;
  targetGroupId: number;
  targetGroupName: string;
  joinLink: string;
  template: string;
  perMessage: number;
  cooldownDays: number;
  stats: PondStats;
};

/** The filter without empty fields: what is saved and sent. */
export const cleanFilter = (f: MemberFilter): MemberFilter =>
  Object.fromEntries(
    Object.entries(f).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as MemberFilter;
