// Run a play over this group's history with the form's (unsaved) configuration: what would it do?
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, List, Statistic, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useFormat, useT } from '../../i18n/index.js';
import { playsMessages } from './plays.messages.js';
import type { BacktestResult } from './types.js';

const countRows = (record: Record<string, number>) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, count]) => ({ key, count }));

export const BacktestPanel = ({
  communityId,
  groupId,
  play,
  config,
}: {
  communityId: number;
  groupId: number;
  play: string;
  config: unknown;
}) => {
  const t = useT(playsMessages);
  const f = useFormat();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const run = useMutation({
    mutationFn: () =>
      api<BacktestResult>(`/communities/${communityId}/plays/${encodeURIComponent(play)}/backtest`, {
        body: {
          config,
          groupIds: [groupId],
          sample: 20,
          ...(range?.[0] ? { from: range[0].startOf('day').toISOString() } : {}),
          ...(range?.[1] ? { to: range[1].endOf('day').toISOString() } : {}),
        },
      }),
  });
  const r = run.data;
  return (
    <Flex vertical gap={12} data-testid={`backtest-${play}`}>
      <Typography.Text type="secondary">{t('backtestIntro')}</Typography.Text>
      <Flex gap={8} wrap align="center">
        <Typography.Text>{t('range')}</Typography.Text>
        <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v)} />
        <Button
          type="primary"
          loading={run.isPending}
          onClick={() => run.mutate()}
          data-testid={`backtest-run-${play}`}
        >
          {run.isPending ? t('running') : t('run')}
        </Button>
      </Flex>
      {run.isError && <Alert type="error" showIcon title={t('backtestFailed', { message: run.error.message })} />}
      {r && (
        <Flex vertical gap={12} data-testid={`backtest-result-${play}`}>
          <Flex gap={32} wrap>
            <Statistic title={t('eventsReplayed')} value={r.eventsReplayed} />
            <Statistic
              title={t('actions')}
              value={r.actionCount}
              valueRender={(node) => <span data-testid={`backtest-actions-${play}`}>{node}</span>}
            />
            <Statistic title={t('ledger')} value={r.ledgerCount} />
            <Statistic title={t('failures')} value={r.failures} />
          </Flex>
          {r.assumedCapabilities.length > 0 && <Alert type="info" showIcon title={t('assumed')} />}
          {r.actionCount === 0 ? (
            <Typography.Text type="secondary">{t('noActions')}</Typography.Text>
          ) : (
            <Flex gap={16} wrap>
              <Table
                size="small"
                pagination={false}
                style={{ minWidth: 220 }}
                data-testid={`backtest-by-kind-${play}`}
                dataSource={countRows(r.actionsByKind)}
                columns={[
                  { title: t('byKind'), dataIndex: 'key', render: (k: string) => <Tag>{k}</Tag> },
                  { title: '#', dataIndex: 'count', align: 'right', render: (n: number) => f.number(n) },
                ]}
              />
              <Table
                size="small"
                pagination={false}
                style={{ minWidth: 220 }}
                data-testid={`backtest-by-reason-${play}`}
                dataSource={countRows(r.actionsByReason)}
                columns={[
                  { title: t('byReason'), dataIndex: 'key', render: (k: string) => (k === 'none' ? t('noReason') : k) },
                  { title: '#', dataIndex: 'count', align: 'right', render: (n: number) => f.number(n) },
                ]}
              />
            </Flex>
          )}
          {r.sample.length > 0 && (
            <List
              size="small"
              header={<Typography.Text strong>{t('samples')}</Typography.Text>}
              bordered
              dataSource={r.sample}
              renderItem={(a) => (
                <List.Item data-testid="backtest-sample">
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex gap={8} wrap align="center">
                      <Typography.Text type="secondary">{f.dateTime(a.at)}</Typography.Text>
                      <Tag color="green">{a.kind}</Tag>
                      {typeof a.payload.reason === 'string' && <Tag color="orange">{a.payload.reason}</Tag>}
                      {typeof a.payload.text === 'string' && (
                        <Typography.Text ellipsis style={{ maxWidth: 640 }}>
                          {a.payload.text}
                        </Typography.Text>
                      )}
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('trigger')}:{' '}
                      {a.trigger
                        ? `${f.dateTime(a.trigger.at)} ${a.trigger.memberName}: ${a.trigger.text ?? `(${a.trigger.type})`}`
                        : t('timerTrigger')}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Flex>
      )}
    </Flex>
  );
};
