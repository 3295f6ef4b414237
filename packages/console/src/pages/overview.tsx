import { Col, Flex, Row, Typography } from 'antd';
import type { Community, Report } from '../api/types.js';
import { useCommunityId } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { useFormat, useT } from '../i18n/index.js';
import { AlertsCard } from './overview/alerts-card.js';
import { DailyChartsRow } from './overview/daily-charts.js';
import { GroupBreakdown } from './overview/group-breakdown.js';
import { HealthCard } from './overview/health-card.js';
import { KpiRow } from './overview/kpi-row.js';
import { labels } from './overview/labels.js';
import { LayersCard } from './overview/layers-card.js';
import { MonthlyTable } from './overview/monthly-table.js';
import { NoEventsActions } from './overview/no-events.js';
import { overviewMessages } from './overview/overview.messages.js';
import { allOf, eventTotal, useCommunity, useReport } from './overview/queries.js';
import { RetentionCard } from './overview/retention-card.js';

const Dashboard = ({ report, community }: { report: Report; community: Community }) => {
  const t = useT(overviewMessages);
  const asOf = report.scope.asOf;
  return (
    <Flex vertical gap={16}>
      <KpiRow report={report} community={community} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xxl={8}>
          <HealthCard health={report.health} lifecycle={report.lifecycle} testId="overview-health" />
        </Col>
        <Col xs={24} lg={14} xxl={16}>
          <AlertsCard alerts={report.alerts} testId="overview-alerts" />
        </Col>
      </Row>
      <DailyChartsRow
        daily={report.series.daily}
        asOf={asOf}
        titles={{ messages: t('messagesPerDay'), joinsLeaves: t('joinsLeavesPerDay') }}
        testIds={{ messages: 'chart-messages-per-day', joinsLeaves: 'chart-joins-leaves' }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12} xl={8}>
          <GroupBreakdown groups={report.groups} />
        </Col>
        <Col xs={24} lg={12} xl={8}>
          <LayersCard layers={report.layers} />
        </Col>
        <Col xs={24} xl={8}>
          <MonthlyTable monthly={report.monthly} />
        </Col>
      </Row>
      <RetentionCard retention={report.retention} />
    </Flex>
  );
};

const OverviewPage = () => {
  const communityId = useCommunityId();
  const t = useT(overviewMessages);
  const l = useT(labels);
  const f = useFormat();
  const community = useCommunity(communityId);
  const report = useReport(communityId);
  return (
    <>
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={3} className="page-title">
          {community.data?.name ?? t('title')}
        </Typography.Title>
        {report.data && (
          <Typography.Text type="secondary" data-testid="overview-as-of">
            {t('asOf', { day: f.date(report.data.scope.asOf), tz: report.data.scope.tz })}
          </Typography.Text>
        )}
      </Flex>
      <QueryState
        query={allOf(community, report)}
        empty={{
          when: community.data !== undefined && eventTotal(community.data) === 0,
          title: <span data-testid="overview-empty">{l('noEventsTitle')}</span>,
          action: <NoEventsActions />,
        }}
      >
        {() => community.data && report.data && <Dashboard report={report.data} community={community.data} />}
      </QueryState>
    </>
  );
};

export default OverviewPage;
