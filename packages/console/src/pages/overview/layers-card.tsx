// Members by activity layer as a bar, with the loyalty layers and those who left beside it.
import { Card, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { Report } from '../../api/types.js';
import { Chart } from '../../charts/chart.js';
import { useFormat, useT } from '../../i18n/index.js';
import { layersOption } from './charts.js';
import { activityLayerKey, labels, loyaltyLayerKey } from './labels.js';
import { overviewMessages } from './overview.messages.js';

const ACTIVITY = Object.keys(activityLayerKey) as (keyof typeof activityLayerKey)[];
const LOYALTY = Object.keys(loyaltyLayerKey) as (keyof typeof loyaltyLayerKey)[];

export const LayersCard = ({ layers }: { layers: Report['layers'] }) => {
  const t = useT(overviewMessages);
  const l = useT(labels);
  const f = useFormat();
  const option = useMemo(
    () =>
      layersOption({
        layers: ACTIVITY.map((key) => ({ key, name: l(activityLayerKey[key]), count: layers.activity[key] ?? 0 })),
      }),
    [layers, l],
  );
  return (
    <Card title={t('layers')} size="small" style={{ height: '100%' }} data-testid="overview-layers">
      <Chart option={option} height={180} testId="chart-layers" />
      <Typography.Text type="secondary">{t('loyalty')}</Typography.Text>
      <Flex wrap gap={4} style={{ marginTop: 4 }}>
        {LOYALTY.map((key) => (
          <Tag key={key}>
            {l(loyaltyLayerKey[key])} {f.number(layers.loyalty[key] ?? 0)}
          </Tag>
        ))}
      </Flex>
      {layers.left > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('layersLeft', { n: f.number(layers.left) })}
        </Typography.Paragraph>
      )}
    </Card>
  );
};
