import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Empty, Segmented, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { Group } from '../../api/types.js';
import { useCommunityId } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { engagementMessages } from './engagement.messages.js';
import { type Board, METRICS, type Metric, PERIODS, type Period } from './types.js';

const metricLabel = {
  points: 'metricPoints',
  checkins: 'metricCheckins',
  streak: 'metricStreak',
  invites: 'metricInvites',
} as const;
const periodLabel = { day: 'periodDay', week: 'periodWeek', month: 'periodMonth', all: 'periodAll' } as const;

/** Members ranked by points, check-ins, streak or invites for a period, optionally in one group. */
export const LeaderboardTab = () => {
  const t = useT(engagementMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const [metric, setMetric] = useState<Metric>('points');
  const [period, setPeriod] = useState<Period>('week');
  const [groupId, setGroupId] = useState<number | undefined>();
  const groups = useQuery({
    queryKey: ['community', communityId, 'groups', 'options'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
  });
  const board = useQuery({
    queryKey: ['community', communityId, 'leaderboard', metric, period, groupId],
    queryFn: () =>
      api<Board>(`/communities/${communityId}/leaderboard`, { query: { metric, period, groupId, top: 50 } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select<Metric>
          aria-label={t('metric')}
          value={metric}
          onChange={setMetric}
          style={{ minWidth: 160 }}
          options={METRICS.map((m) => ({ value: m, label: t(metricLabel[m]) }))}
        />
        <Segmented<Period>
          value={period}
          onChange={setPeriod}
          options={PERIODS.map((p) => ({ value: p, label: t(periodLabel[p]) }))}
        />
        <Select<number | undefined>
          aria-label={t('allGroups')}
          allowClear
          placeholder={t('allGroups')}
          value={groupId}
          onChange={setGroupId}
          style={{ minWidth: 200 }}
          options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
        />
      </Space>
      <QueryState query={board}>
        {() =>
          (board.data?.items.length ?? 0) === 0 ? (
            <Empty
              description={
                <span>
                  {t('emptyBoard')}
                  <br />
                  {t('emptyBoardHint')}
                </span>
              }
            />
          ) : (
            <Table
              rowKey="memberId"
              size="middle"
              pagination={false}
              dataSource={board.data?.items ?? []}
              columns={[
                { title: t('rank'), dataIndex: 'rank', width: 80 },
                {
                  title: t('member'),
                  dataIndex: 'name',
                  render: (name: string, r) => <Link to={`/members/${r.memberId}`}>{name || `#${r.memberId}`}</Link>,
                },
                {
                  title: t(metricLabel[metric]),
                  dataIndex: 'value',
                  width: 160,
                  align: 'right',
                  render: (v: number) => (metric === 'streak' ? t('days', { n: v }) : format.number(v)),
                },
              ]}
            />
          )
        }
      </QueryState>
    </Space>
  );
};
