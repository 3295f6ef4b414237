// Retention as a heatmap: cohorts (the week members were first seen) by week k after it.
import { Card, Empty, Typography } from 'antd';
import { useMemo } from 'react';
import type { Report } from '../../api/types.js';
import { Chart } from '../../charts/chart.js';
import { useFormat, useT } from '../../i18n/index.js';
import { retentionOption } from './charts.js';
import { HintTitle } from './hint-title.js';
import { labels } from './labels.js';
import { overviewMessages } from './overview.messages.js';

/** More rows than this no longer fit a card; the latest cohorts matter most. */
const MAX_COHORTS = 26;
const ROW_HEIGHT = 24;

export const RetentionCard = ({ retention }: { retention: Report['retention'] }) => {
  const t = useT(overviewMessages);
  const l = useT(labels);
  const f = useFormat();
  const cohorts = useMemo(() => retention.cohorts.slice(-MAX_COHORTS), [retention]);
  const option = useMemo(
    () =>
      retentionOption({
        cohorts,
        labels: {
          weekK: (k) => l('weekK', { k }),
          cohort: (week, size) => l('cohort', { week, size: f.number(size) }),
        },
        percent: f.percent,
      }),
    [cohorts, l, f],
  );
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      title={<HintTitle title={t('retention')} hint={t('retentionHint')} />}
    >
      {cohorts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noCohorts')} />
      ) : (
        <>
          <Chart option={option} height={Math.max(240, cohorts.length * ROW_HEIGHT + 96)} testId="chart-retention" />
          {retention.cohorts.length > MAX_COHORTS && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('retentionRecent', { n: MAX_COHORTS })}
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
};
