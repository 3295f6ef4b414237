// A community's or group's health score with its components, and its lifecycle stage.
import { Card, Flex, Progress, Tooltip, Typography } from 'antd';
import type { Health, Lifecycle } from '../../api/types.js';
import { useFormat, useT } from '../../i18n/index.js';
import { HintTitle } from './hint-title.js';
import { healthKey, labels } from './labels.js';
import { scoreColor } from './palette.js';
import { StageTag } from './tags.js';

/** Components whose value is a change, shown with a sign. */
const SIGNED = new Set(['trend', 'growth']);

export const HealthCard = ({
  health,
  lifecycle,
  testId,
}: {
  health: Health;
  lifecycle: Lifecycle;
  testId?: string;
}) => {
  const l = useT(labels);
  const f = useFormat();
  const value = (name: string, v: number) => (SIGNED.has(name) && v > 0 ? '+' : '') + f.percent(v);
  return (
    <Card
      size="small"
      title={<HintTitle title={l('health')} hint={l('healthHint')} />}
      data-testid={testId}
      style={{ height: '100%' }}
    >
      <Flex gap={24} align="center" wrap>
        <Progress
          type="dashboard"
          percent={health.score}
          strokeColor={scoreColor(health.score)}
          format={(p) => <span data-testid={testId ? `${testId}-score` : undefined}>{p}</span>}
          size={120}
        />
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{l('lifecycle')}</Typography.Text>
          <div>
            <StageTag lifecycle={lifecycle} showSince />
          </div>
        </Flex>
      </Flex>
      {health.components.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {l('noComponents')}
        </Typography.Paragraph>
      ) : (
        <Flex vertical gap={10} style={{ marginTop: 16 }} data-testid={testId ? `${testId}-components` : undefined}>
          {health.components.map((h) => (
            <div key={h.name} data-testid={testId ? `${testId}-${h.name}` : undefined}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text>
                  {h.name in healthKey ? l(healthKey[h.name as keyof typeof healthKey]) : h.name}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' · '}
                    {l('weightOf', { w: f.percent(h.weight) })}
                  </Typography.Text>
                </Typography.Text>
                <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                  {value(h.name, h.value)}
                </Typography.Text>
              </Flex>
              <Tooltip title={`${l('score')} ${Math.round(h.score)} · ${l('weight')} ${f.percent(h.weight)}`}>
                <Progress
                  percent={h.score}
                  size="small"
                  strokeColor={scoreColor(h.score)}
                  format={(p) => Math.round(p ?? 0)}
                />
              </Tooltip>
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
};
