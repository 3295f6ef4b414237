// Week-by-week charts of one group: its life curve with the lifecycle stage, and active members.
import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import type { Report } from '../../api/types.js';
import { Chart } from '../../charts/chart.js';
import { common, stageKey } from '../../i18n/common.js';
import { useFormat, useT } from '../../i18n/index.js';
import { weeklyActiveOption } from './charts.js';
import { groupMessages } from './group.messages.js';
import { HintTitle } from './hint-title.js';
import { labels } from './labels.js';
import { lifeCurveOption } from './life-curve.js';
import { stageColor } from './palette.js';
import { fillWeeks } from './weeks.js';

const useWeeks = (report: Report) =>
  useMemo(
    () => fillWeeks(report.series.weekly, report.scope.asOf, report.lifecycle.since),
    [report.series.weekly, report.scope.asOf, report.lifecycle.since],
  );

export const LifeCurveCard = ({ report }: { report: Report }) => {
  const t = useT(groupMessages);
  const l = useT(labels);
  const c = useT(common);
  const weeks = useWeeks(report);
  const { stage, since } = report.lifecycle;
  const option = useMemo(
    () =>
      lifeCurveOption({
        weeks: weeks.map((w) => w.week),
        active: weeks.map((w) => w.activeMembers),
        messages: weeks.map((w) => w.messages),
        since,
        stage: { label: c(stageKey[stage]), color: stageColor[stage] },
        labels: { active: l('activeMembers'), messages: l('messages') },
      }),
    [weeks, since, stage, c, l],
  );
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={<HintTitle title={t('lifeCurve')} hint={t('lifeCurveHint')} />}
    >
      {weeks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Chart option={option} height={320} testId="chart-life-curve" />
      )}
    </Card>
  );
};

export const WeeklyActiveCard = ({ report }: { report: Report }) => {
  const t = useT(groupMessages);
  const l = useT(labels);
  const f = useFormat();
  const weeks = useWeeks(report);
  const option = useMemo(
    () =>
      weeklyActiveOption({
        x: weeks.map((w) => w.week),
        active: weeks.map((w) => w.activeMembers),
        rates: weeks.map((w) => w.activityRate),
        labels: { active: l('activeMembers'), rate: l('activityRate') },
        percent: f.percent,
      }),
    [weeks, l, f],
  );
  return (
    <Card size="small" title={t('weeklyActive')} style={{ height: '100%' }}>
      {weeks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Chart option={option} testId="chart-group-weekly-active" />
      )}
    </Card>
  );
};
