// How many groups of each type and in each lifecycle stage; every count opens the filtered list.
import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { GroupType, Lifecycle, Report } from '../../api/types.js';
import { common, groupTypeKey, stageKey } from '../../i18n/common.js';
import { useFormat, useT } from '../../i18n/index.js';
import { overviewMessages } from './overview.messages.js';
import { stageColor } from './palette.js';

const TYPES = Object.keys(groupTypeKey) as GroupType[];
const STAGES = Object.keys(stageKey) as Lifecycle['stage'][];

const countBy = <K extends string>(keys: readonly K[], of: (k: K) => number) => keys.map((k) => ({ k, n: of(k) }));

const Line = ({ label, n, to, testId }: { label: ReactNode; n: number; to: string; testId: string }) => {
  const f = useFormat();
  return (
    <Flex justify="space-between" align="center" style={{ padding: '4px 0' }}>
      {label}
      <Link to={to} data-testid={testId}>
        <Typography.Text strong={n > 0} type={n > 0 ? undefined : 'secondary'}>
          {f.number(n)}
        </Typography.Text>
      </Link>
    </Flex>
  );
};

export const GroupBreakdown = ({ groups }: { groups: Report['groups'] }) => {
  const t = useT(overviewMessages);
  const c = useT(common);
  const byType = countBy(TYPES, (k) => groups.filter((g) => g.type === k).length);
  const byStage = countBy(STAGES, (k) => groups.filter((g) => g.lifecycle.stage === k).length);
  return (
    <Card title={c('groups')} size="small" style={{ height: '100%' }} data-testid="overview-groups-breakdown">
      <Row gutter={24}>
        <Col xs={24} sm={12}>
          <Typography.Text type="secondary">{t('byType')}</Typography.Text>
          {byType.map(({ k, n }) => (
            <Line
              key={k}
              label={<span>{c(groupTypeKey[k])}</span>}
              n={n}
              to={`/groups?type=${k}`}
              testId={`overview-type-${k}`}
            />
          ))}
        </Col>
        <Col xs={24} sm={12}>
          <Typography.Text type="secondary">{t('byStage')}</Typography.Text>
          {byStage.map(({ k, n }) => (
            <Line
              key={k}
              label={<Tag color={stageColor[k]}>{c(stageKey[k])}</Tag>}
              n={n}
              to={`/groups?stage=${k}`}
              testId={`overview-stage-${k}`}
            />
          ))}
        </Col>
      </Row>
    </Card>
  );
};
