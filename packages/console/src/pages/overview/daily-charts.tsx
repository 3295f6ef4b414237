// Day-by-day charts of a scope (the community or one group): messages, joins and leaves.
import { Card, Col, Empty, Row } from 'antd';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import type { Report } from '../../api/types.js';
import { Chart } from '../../charts/chart.js';
import { useT } from '../../i18n/index.js';
import { countLineOption, joinsLeavesOption } from './charts.js';
import { labels } from './labels.js';
import { fillDays } from './weeks.js';

type Daily = Report['series']['daily'];

const ChartCard = ({ title, empty, children }: { title: ReactNode; empty: boolean; children: ReactNode }) => (
  <Card title={title} size="small" style={{ height: '100%' }}>
    {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : children}
  </Card>
);

type Days = ReturnType<typeof fillDays>;
type Label = ReturnType<typeof useT<keyof (typeof labels)['en']>>;
type Props = { daily: Daily; asOf: string; title: ReactNode; testId: string };

// Option builders live at module level so a chart's option changes only when its days or language do.
const messagesOption = (days: Days, l: Label) =>
  countLineOption({ x: days.map((d) => d.day), values: days.map((d) => d.messages), name: l('messages') });
const joinsLeavesOptionOf = (days: Days, l: Label) =>
  joinsLeavesOption({
    x: days.map((d) => d.day),
    joins: days.map((d) => d.joins),
    leaves: days.map((d) => d.leaves),
    labels: { joins: l('joins'), leaves: l('leaves') },
  });

const DailyChart = ({ daily, asOf, title, testId, build }: Props & { build: typeof messagesOption }) => {
  const l = useT(labels);
  const days = useMemo(() => fillDays(daily, asOf), [daily, asOf]);
  const option = useMemo(() => build(days, l), [build, days, l]);
  return (
    <ChartCard title={title} empty={days.length === 0}>
      <Chart option={option} testId={testId} />
    </ChartCard>
  );
};

export const MessagesPerDay = (props: Props) => <DailyChart {...props} build={messagesOption} />;
export const JoinsLeavesPerDay = (props: Props) => <DailyChart {...props} build={joinsLeavesOptionOf} />;

/** Messages per day beside joins and leaves per day, as the overview and a group page show them. */
export const DailyChartsRow = ({
  daily,
  asOf,
  titles,
  testIds,
}: {
  daily: Daily;
  asOf: string;
  titles: { messages: ReactNode; joinsLeaves: ReactNode };
  testIds: { messages: string; joinsLeaves: string };
}) => (
  <Row gutter={[16, 16]}>
    <Col xs={24} xl={12}>
      <MessagesPerDay daily={daily} asOf={asOf} title={titles.messages} testId={testIds.messages} />
    </Col>
    <Col xs={24} xl={12}>
      <JoinsLeavesPerDay daily={daily} asOf={asOf} title={titles.joinsLeaves} testId={testIds.joinsLeaves} />
    </Col>
  </Row>
);
