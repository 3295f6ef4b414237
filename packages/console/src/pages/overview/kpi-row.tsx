// The headline numbers: members now, active members and activity rate of the last complete week
// against the week before, and the groups.
import { Col, Row } from 'antd';
import type { Community, Report } from '../../api/types.js';
import { useFormat, useT } from '../../i18n/index.js';
import { overviewMessages } from './overview.messages.js';
import { StatCard } from './stat-card.js';
import { lastTwoWeeks } from './weeks.js';

const span = { xs: 24, sm: 12, xl: 6 };

export const KpiRow = ({ report, community }: { report: Report; community: Community }) => {
  const t = useT(overviewMessages);
  const f = useFormat();
  const { current, previous } = lastTwoWeeks(report.series.weekly, report.scope.asOf);
  const activeDelta = current.activeMembers - previous.activeMembers;
  // Percentage points: "+1.2%" reads as the rate moving, not as a relative change.
  const rateDelta = current.activityRate - previous.activityRate;
  const signed = (text: string, n: number) => (n > 0 ? `+${text}` : text);
  return (
    <Row gutter={[16, 16]}>
      <Col {...span}>
        <StatCard
          testId="overview-members"
          title={t('membersNow')}
          value={f.number(report.activity.members)}
          to="/members"
          caption={t('membersCaption', { total: f.number(community.members), left: f.number(report.layers.left) })}
        />
      </Col>
      <Col {...span}>
        <StatCard
          testId="overview-active"
          title={t('activeWeek')}
          value={f.number(current.activeMembers)}
          to="/members"
          change={{ delta: activeDelta, text: t('vsLastWeek', { delta: signed(f.number(activeDelta), activeDelta) }) }}
          caption={t('activeCaption', { week: current.week, n: f.number(report.activity.activeLast7Days) })}
        />
      </Col>
      <Col {...span}>
        <StatCard
          testId="overview-activity-rate"
          title={t('rateWeek')}
          value={f.percent(current.activityRate)}
          to="/members"
          change={{ delta: rateDelta, text: t('vsLastWeek', { delta: signed(f.percent(rateDelta), rateDelta) }) }}
          caption={t('rateCaption', {
            rate: f.percent(report.activity.activityRate7),
            rate30: f.percent(report.activity.activityRate30),
          })}
        />
      </Col>
      <Col {...span}>
        <StatCard
          testId="overview-groups"
          title={t('groupsCount')}
          value={f.number(community.groups)}
          to="/groups"
          caption={t('groupsCaption', { messages: f.number(report.totals.messages) })}
        />
      </Col>
    </Row>
  );
};
