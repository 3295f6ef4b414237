import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Col,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.js';
import type { Group, Member, Page } from '../api/types.js';
import { useCommunityId, useSession } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { common } from '../i18n/common.js';
import { useFormat, useT } from '../i18n/index.js';
import {
  hasFilters,
  type MemberFilters,
  type MemberSort,
  PAGE_SIZES,
  readFilters,
  writeFilters,
} from './members/filters.js';
import { membersMessages } from './members/members.messages.js';

const SEARCH_DELAY_MS = 300;

/** Search, filter and page through the community's members; every filter lives in the URL. */
const MembersPage = () => {
  const t = useT(membersMessages);
  const c = useT(common);
  const format = useFormat();
  const session = useSession();
  const communityId = useCommunityId();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);

  const update = (change: Partial<MemberFilters>) => {
    // Any change of filter starts again from the first page; paging itself passes its own page.
    setParams(writeFilters({ ...filters, page: 1, ...change }), { replace: true });
  };

  // The input answers at once; the URL (and so the query) follows once typing pauses.
  const [text, setText] = useState(filters.q);
  useEffect(() => {
    const q = text.trim();
    if (q === filters.q) return;
    const timer = setTimeout(
      () => setParams((prev) => writeFilters({ ...readFilters(prev), q, page: 1 }), { replace: true }),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [text, filters.q, setParams]);
  // A change of the URL from outside (back button, a link) shows in the input.
  useEffect(() => {
    setText((current) => (current.trim() === filters.q ? current : filters.q));
  }, [filters.q]);

  const groups = useQuery({
    queryKey: ['community', communityId, 'groups', 'options'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
  });
  const tags = useQuery({
    queryKey: ['community', communityId, 'tags'],
    queryFn: () => api<{ items: { tag: string; members: number }[] }>(`/communities/${communityId}/tags`),
  });
  const members = useQuery({
    queryKey: ['community', communityId, 'members', filters],
    queryFn: () =>
      api<Page<Member>>(`/communities/${communityId}/members`, {
        query: {
          q: filters.q || undefined,
          groupId: filters.groupId,
          tag: filters.tag,
          filter: filters.filter,
          present: filters.present ? 'true' : undefined,
          sort: filters.sort,
          page: filters.page,
          pageSize: filters.pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Member> = [
    {
      title: t('name'),
      dataIndex: 'displayName',
      render: (name: string, m) => <Link to={`/members/${m.id}`}>{name || `#${m.id}`}</Link>,
    },
    { title: t('memberId'), dataIndex: 'id', width: 120 },
    { title: t('firstSeen'), dataIndex: 'firstSeenAt', width: 180, render: (v: string | null) => format.dateTime(v) },
    { title: t('lastSeen'), dataIndex: 'lastSeenAt', width: 180, render: (v: string | null) => format.dateTime(v) },
  ];

  const sortOptions: { value: MemberSort; label: string }[] = [
    { value: 'last_seen', label: t('sortLastSeen') },
    { value: 'first_seen', label: t('sortFirstSeen') },
    { value: 'name', label: t('sortName') },
  ];

  const total = members.data?.total ?? 0;
  const filtered = hasFilters(filters);
  const canImport = session.can('admin');
  const canSandbox = session.can('steward');

  const emptyAction = filtered ? (
    <Button
      onClick={() => {
        setText('');
        update({ q: '', groupId: undefined, tag: undefined, filter: undefined, present: false });
      }}
    >
      {t('clearFilters')}
    </Button>
  ) : (
    <Space wrap>
      <Tooltip title={canImport ? undefined : c('needsRole', { role: c('roleAdmin') })}>
        {canImport ? (
          <Link to="/import">
            <Button type="primary">{t('importHistory')}</Button>
          </Link>
        ) : (
          <Button type="primary" disabled>
            {t('importHistory')}
          </Button>
        )}
      </Tooltip>
      <Tooltip title={canSandbox ? undefined : c('needsRole', { role: c('roleSteward') })}>
        {canSandbox ? (
          <Link to="/sandbox">
            <Button>{t('trySandbox')}</Button>
          </Link>
        ) : (
          <Button disabled>{t('trySandbox')}</Button>
        )}
      </Tooltip>
    </Space>
  );

  return (
    <div>
      <Space align="baseline" size="middle" wrap>
        <Typography.Title level={3} className="page-title">
          {t('title')}
        </Typography.Title>
        {members.data && (
          <Typography.Text type="secondary" data-testid="members-total">
            {t('total', { n: format.number(total) })}
          </Typography.Text>
        )}
      </Space>

      <Row gutter={[12, 12]} align="middle" style={{ marginBottom: 8 }}>
        <Col xs={24} md={12} xl={8}>
          <Input.Search
            data-testid="member-search"
            allowClear
            placeholder={t('search')}
            aria-label={t('search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(value) => update({ q: value.trim() })}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Select
            data-testid="member-group-filter"
            style={{ width: '100%' }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('group')}
            placeholder={t('allGroups')}
            loading={groups.isPending}
            value={filters.groupId}
            onChange={(groupId: number | undefined) =>
              update({ groupId, present: groupId === undefined ? false : filters.present })
            }
            options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Select
            data-testid="member-tag-filter"
            style={{ width: '100%' }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('tag')}
            placeholder={t('allTags')}
            value={filters.tag}
            onChange={(tag: string | undefined) => update({ tag })}
            options={(tags.data?.items ?? []).map((x) => ({ value: x.tag, label: `${x.tag} · ${x.members}` }))}
          />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Tooltip title={filters.groupId === undefined ? t('presentNeedsGroup') : undefined}>
            <Space>
              <Switch
                data-testid="member-present-filter"
                aria-label={t('present')}
                size="small"
                checked={filters.present}
                disabled={filters.groupId === undefined}
                onChange={(present) => update({ present })}
              />
              <Typography.Text type={filters.groupId === undefined ? 'secondary' : undefined}>
                {t('present')}
              </Typography.Text>
            </Space>
          </Tooltip>
        </Col>
        <Col xs={12} md={8} xl={6}>
          <Space style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('sort')}</Typography.Text>
            <Select
              data-testid="member-sort"
              aria-label={t('sort')}
              style={{ minWidth: 140 }}
              value={filters.sort}
              onChange={(sort: MemberSort) => update({ sort })}
              options={sortOptions}
            />
          </Space>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="members-later-filters">
        {filters.filter && (
          <Tag closable onClose={() => update({ filter: undefined })} data-testid="member-segment-filter">
            {t('segmentFilter')}
          </Tag>
        )}
        <Link to="/segments">{t('laterFilters')}</Link>
      </Typography.Paragraph>

      <QueryState
        query={members}
        empty={{ when: total === 0, title: filtered ? t('noMatch') : t('emptyTitle'), action: emptyAction }}
      >
        {() => (
          <Table<Member>
            data-testid="members-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={members.data?.items ?? []}
            loading={members.isFetching}
            scroll={{ x: true }}
            onRow={(m) => ({ 'data-testid': `member-row-${m.id}` }) as HTMLAttributes<HTMLElement>}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: (n, [from, to]) => t('range', { from, to, total: format.number(n) }),
              onChange: (page, pageSize) =>
                pageSize !== filters.pageSize ? update({ pageSize }) : update({ page, pageSize }),
            }}
          />
        )}
      </QueryState>
    </div>
  );
};

export default MembersPage;
