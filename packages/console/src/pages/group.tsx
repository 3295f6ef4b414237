import { Col, Flex, Row } from 'antd';
import { Link, useParams } from 'react-router';
import type { Group, Report } from '../api/types.js';
import { useCommunityId } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { useT } from '../i18n/index.js';
import { DailyChartsRow } from './overview/daily-charts.js';
import { groupMessages } from './overview/group.messages.js';
import { GroupHeader } from './overview/group-header.js';
import { GroupPlaysCard } from './overview/group-plays.js';
import { HealthCard } from './overview/health-card.js';
import { NoEventsActions } from './overview/no-events.js';
import { allOf, useGroup, useGroupPlays, usePlayCatalog, useReport } from './overview/queries.js';
import { RulesCard } from './overview/rules-card.js';
import { TopMembersCard } from './overview/top-members.js';
import { LifeCurveCard, WeeklyActiveCard } from './overview/weekly-charts.js';
import { playsMessages } from './plays/plays.messages.js';

const GroupAnalytics = ({ report }: { report: Report }) => {
  const t = useT(groupMessages);
  const asOf = report.scope.asOf;
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <LifeCurveCard report={report} />
        </Col>
        <Col xs={24} xl={8}>
          <HealthCard health={report.health} lifecycle={report.lifecycle} testId="group-health" />
        </Col>
      </Row>
      <DailyChartsRow
        daily={report.series.daily}
        asOf={asOf}
        titles={{ messages: t('dailyMessages'), joinsLeaves: t('joinsLeaves') }}
        testIds={{ messages: 'chart-group-daily', joinsLeaves: 'chart-group-joins-leaves' }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <WeeklyActiveCard report={report} />
        </Col>
        <Col xs={24} xl={12}>
          <TopMembersCard members={report.topMembers} />
        </Col>
      </Row>
    </Flex>
  );
};

const Plays = ({ communityId, group }: { communityId: number; group: Group }) => {
  const plays = useGroupPlays(communityId, group.id);
  const catalog = usePlayCatalog(communityId);
  const p = useT(playsMessages);
  return (
    <QueryState query={allOf(plays, catalog)}>
      {() => (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Link to={`/groups/${group.id}/plays`} data-testid="group-plays-link">
              {p('manage')}
            </Link>
          </Col>
          <Col xs={24} xl={12}>
            <GroupPlaysCard
              communityId={communityId}
              groupId={group.id}
              plays={plays.data ?? []}
              catalog={catalog.data ?? []}
            />
          </Col>
          <Col xs={24} xl={12}>
            <RulesCard
              communityId={communityId}
              groupId={group.id}
              welcome={plays.data?.find((p) => p.play === 'welcome')}
            />
          </Col>
        </Row>
      )}
    </QueryState>
  );
};

const GroupPage = () => {
  const communityId = useCommunityId();
  const groupId = Number(useParams().groupId);
  const t = useT(groupMessages);
  const group = useGroup(communityId, groupId);
  const report = useReport(communityId, groupId);
  const sandboxTo = group.data?.platform === 'sandbox' ? `/sandbox/${groupId}` : '/sandbox';
  return (
    <QueryState query={group}>
      {() =>
        group.data && (
          <Flex vertical gap={16}>
            <GroupHeader group={group.data} report={report.data} />
            <QueryState
              query={report}
              empty={{
                when: report.data !== undefined && report.data.series.daily.length === 0,
                title: <span data-testid="group-empty">{t('noEvents')}</span>,
                action: <NoEventsActions sandboxTo={sandboxTo} />,
              }}
            >
              {() => report.data && <GroupAnalytics report={report.data} />}
            </QueryState>
            <Plays communityId={communityId} group={group.data} />
          </Flex>
        )
      }
    </QueryState>
  );
};

export default GroupPage;
