import { Button, Flex, Input, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCommunityId } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { common, groupTypeKey, stageKey } from '../i18n/common.js';
import { useFormat, useT } from '../i18n/index.js';
import { FILTER_KEYS, type FilterKey, type GroupRow, groupRows, stageRank } from './overview/group-rows.js';
import { groupsMessages } from './overview/groups.messages.js';
import { NoEventsActions } from './overview/no-events.js';
import { allOf, useGroups, useReport } from './overview/queries.js';
import { StageTag, TypeTag } from './overview/tags.js';

const useColumns = (rows: GroupRow[], filters: Record<FilterKey, string[]>): TableColumnsType<GroupRow> => {
  const t = useT(groupsMessages);
  const c = useT(common);
  const f = useFormat();
  const platforms = [...new Set(rows.map((r) => r.platform))].sort();
  return [
    {
      key: 'name',
      title: t('name'),
      dataIndex: 'name',
      fixed: 'left',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (name: string, r) => (
        <Link to={`/groups/${r.id}`} data-testid={`group-link-${r.id}`}>
          {name}
        </Link>
      ),
    },
    {
      key: 'platform',
      title: t('platform'),
      dataIndex: 'platform',
      filters: platforms.map((p) => ({ text: p, value: p })),
      filteredValue: filters.platform,
      onFilter: (value, r) => r.platform === value,
      sorter: (a, b) => a.platform.localeCompare(b.platform),
    },
    {
      key: 'type',
      title: t('type'),
      dataIndex: 'type',
      filters: Object.entries(groupTypeKey).map(([value, key]) => ({ text: c(key), value })),
      filteredValue: filters.type,
      onFilter: (value, r) => r.type === value,
      sorter: (a, b) => a.type.localeCompare(b.type),
      render: (_, r) => <TypeTag type={r.type} />,
    },
    {
      key: 'members',
      title: t('members'),
      dataIndex: 'members',
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.members - b.members,
      render: (n: number, r) => (r.capacity ? `${f.number(n)} / ${f.number(r.capacity)}` : f.number(n)),
    },
    {
      key: 'activityRate',
      title: (
        <Tooltip title={t('activityRateHint')}>
          <span>{t('activityRate')}</span>
        </Tooltip>
      ),
      dataIndex: 'activityRate',
      align: 'right',
      sorter: (a, b) => a.activityRate - b.activityRate,
      render: (rate: number) => f.percent(rate),
    },
    {
      key: 'lastMessageAt',
      title: t('lastMessage'),
      dataIndex: 'lastMessageAt',
      sorter: (a, b) => (a.lastMessageAt ?? '').localeCompare(b.lastMessageAt ?? ''),
      render: (at: string | null) => f.dateTime(at),
    },
    {
      key: 'stage',
      title: t('stage'),
      filters: Object.entries(stageKey).map(([value, key]) => ({ text: c(key), value })),
      filteredValue: filters.stage,
      onFilter: (value, r) => r.lifecycle?.stage === value,
      sorter: (a, b) => stageRank(a) - stageRank(b),
      render: (_, r) => (r.lifecycle ? <StageTag lifecycle={r.lifecycle} /> : '—'),
    },
  ];
};

const GroupsTable = ({ rows }: { rows: GroupRow[] }) => {
  const t = useT(groupsMessages);
  const [params, setParams] = useSearchParams();
  // The box keeps its own text: the URL follows it, but a navigation per key would drop fast typing.
  const [query, setQuery] = useState(() => params.get('q') ?? '');
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.getAll(k)])) as Record<FilterKey, string[]>;
  const columns = useColumns(rows, filters);
  const shown = useMemo(
    () => (query ? rows.filter((r) => r.name.toLowerCase().includes(query.toLowerCase())) : rows),
    [rows, query],
  );
  const update = (change: (next: URLSearchParams) => void) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        change(next);
        return next;
      },
      { replace: true },
    );
  const filtered = query !== '' || FILTER_KEYS.some((k) => filters[k].length > 0);
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('search')}
          value={query}
          onChange={(e) => {
            const v = e.target.value;
            setQuery(v);
            update((n) => (v ? n.set('q', v) : n.delete('q')));
          }}
          style={{ width: 280 }}
          data-testid="groups-search"
        />
        {filtered && (
          <Button
            onClick={() => {
              setQuery('');
              setParams(new URLSearchParams(), { replace: true });
            }}
            data-testid="groups-clear"
          >
            {t('clearFilters')}
          </Button>
        )}
      </Flex>
      <Table<GroupRow>
        data-testid="groups-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={shown}
        scroll={{ x: true }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        onRow={(r) => ({ 'data-testid': `group-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
        onChange={(_, tableFilters) =>
          update((n) => {
            for (const k of FILTER_KEYS) {
              n.delete(k);
              for (const v of tableFilters[k] ?? []) n.append(k, String(v));
            }
          })
        }
        footer={() => <Typography.Text type="secondary">{t('count', { n: shown.length })}</Typography.Text>}
      />
    </>
  );
};

const GroupsPage = () => {
  const communityId = useCommunityId();
  const t = useT(groupsMessages);
  const groups = useGroups(communityId);
  const report = useReport(communityId);
  const rows = useMemo(() => groupRows(groups.data ?? [], report.data), [groups.data, report.data]);
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <QueryState
        query={allOf(groups, report)}
        empty={{ when: rows.length === 0, title: t('none'), action: <NoEventsActions /> }}
      >
        {() => <GroupsTable rows={rows} />}
      </QueryState>
    </>
  );
};

export default GroupsPage;
