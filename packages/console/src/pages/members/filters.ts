/** The members list's filters, kept in the URL query so a link to a filtered list works. */
export type MemberSort = 'last_seen' | 'first_seen' | 'name';
export type MemberFilters = {
  q: string;
  groupId: number | undefined;
  tag: string | undefined;
  /** A member filter as JSON, the shape saved segments use (opened from the 分群 page). */
  filter: string | undefined;
  present: boolean;
  sort: MemberSort;
  page: number;
  pageSize: number;
};

export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 50;
const SORTS: readonly MemberSort[] = ['last_seen', 'first_seen', 'name'];

const positive = (value: string | null): number | undefined => {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

export const readFilters = (params: URLSearchParams): MemberFilters => {
  const sort = params.get('sort') as MemberSort | null;
  const pageSize = positive(params.get('pageSize'));
  const groupId = positive(params.get('groupId'));
  return {
    q: params.get('q')?.trim() ?? '',
    groupId,
    tag: params.get('tag')?.trim() || undefined,
    filter: params.get('filter')?.trim() || undefined,
    // "Still in the group" only means something with a group.
    present: groupId !== undefined && params.get('present') === 'true',
    sort: sort && SORTS.includes(sort) ? sort : 'last_seen',
    page: positive(params.get('page')) ?? 1,
    pageSize: pageSize && pageSize <= 200 ? pageSize : DEFAULT_PAGE_SIZE,
  };
};

/** The URL query for `filters`, leaving out what equals the default so links stay short. */
export const writeFilters = (filters: MemberFilters): URLSearchParams => {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.groupId !== undefined) params.set('groupId', String(filters.groupId));
  if (filters.groupId !== undefined && filters.present) params.set('present', 'true');
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.filter) params.set('filter', filters.filter);
  if (filters.sort !== 'last_seen') params.set('sort', filters.sort);
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(filters.pageSize));
  return params;
};

export const hasFilters = (filters: MemberFilters) =>
  filters.q !== '' || filters.groupId !== undefined || filters.tag !== undefined || filters.filter !== undefined;
