import { Alert, Col, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ImportJob } from '../../api/types.js';
import { useFormat, useT } from '../../i18n/index.js';
import { messages } from './import.messages.js';

/** The summary as the server sends it: more than the console's shared type names. */
export type ImportSummary = NonNullable<ImportJob['summary']> & { dryRun?: boolean; bytes?: number };

export const summaryOf = (job: ImportJob): ImportSummary | null => job.summary as ImportSummary | null;

export const formatBytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
};

export const StateTag = ({ state }: { state: ImportJob['state'] }) => {
  const t = useT(messages);
  const color = state === 'running' ? 'processing' : state === 'done' ? 'success' : 'error';
  return <Tag color={color}>{t(state)}</Tag>;
};

const Running = ({ job }: { job: ImportJob }) => {
  const t = useT(messages);
  const f = useFormat();
  const p = job.progress;
  const percent = p && p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100)) : 0;
  const rate = p && p.elapsedMs > 0 ? Math.round(p.events / (p.elapsedMs / 1000)) : 0;
  return (
    <div data-testid="import-progress">
      <Progress percent={percent} status="active" />
      <Space wrap size="large">
        <Typography.Text type="secondary">
          {p ? `${formatBytes(p.bytes)} / ${formatBytes(p.totalBytes)}` : '…'}
        </Typography.Text>
        <Typography.Text>{t('events', { n: f.number(p?.events ?? 0) })}</Typography.Text>
        <Typography.Text>{t('eventsPerSecond', { n: f.number(rate) })}</Typography.Text>
        {p && p.rejected > 0 && (
          <Typography.Text type="warning">{t('rejectedSoFar', { n: p.rejected })}</Typography.Text>
        )}
      </Space>
    </div>
  );
};

/** One number of the summary; the test id sits on the number itself, the raw value in data-value. */
const Figure = ({ title, value, testId }: { title: string; value: number; testId?: string }) => {
  const f = useFormat();
  return (
    <Statistic
      title={title}
      value={value}
      formatter={() => (
        <span data-testid={testId} data-value={value}>
          {f.number(value)}
        </span>
      )}
    />
  );
};

const Summary = ({ job, summary }: { job: ImportJob; summary: ImportSummary }) => {
  const t = useT(messages);
  return (
    <div data-testid="import-summary">
      <Alert
        type="success"
        showIcon
        title={summary.dryRun ? t('summaryDry') : t('summary')}
        description={summary.dryRun ? t('dryRunNote') : undefined}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xxl={4}>
          <Statistic title={t('colFormat')} value={summary.format} />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <Figure title={t('readEvents')} value={summary.events} testId="import-events" />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <Figure title={t('inserted')} value={summary.inserted} testId="import-inserted" />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <Figure title={t('duplicates')} value={summary.duplicates} testId="import-duplicates" />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <Figure title={t('rejected')} value={summary.rejected} testId="import-rejected" />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <Statistic title={t('time')} value={t('seconds', { n: (summary.ms / 1000).toFixed(1) })} />
        </Col>
      </Row>
      {job.rejects.length > 0 && <Rejects job={job} />}
    </div>
  );
};

const Rejects = ({ job }: { job: ImportJob }) => {
  const t = useT(messages);
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('rejects')}
      </Typography.Title>
      {job.rejects.length >= 100 && (
        <Typography.Paragraph type="secondary">{t('rejectsNote', { n: 100 })}</Typography.Paragraph>
      )}
      <Table
        data-testid="import-rejects"
        size="small"
        rowKey={(r) => `${r.file}:${r.line}:${r.reason}`}
        dataSource={job.rejects}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: t('colFile'), dataIndex: 'file', width: 160, ellipsis: true },
          { title: t('colLine'), dataIndex: 'line', width: 80 },
          { title: t('colReason'), dataIndex: 'reason', width: 260 },
          {
            title: t('colText'),
            dataIndex: 'text',
            render: (text: string) => (
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {text.length > 300 ? `${text.slice(0, 300)}…` : text}
              </Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
};

/** A job as it stands: progress while it runs, then its summary and rejects, or its error. */
export const JobView = ({ job }: { job: ImportJob }) => {
  const t = useT(messages);
  const summary = summaryOf(job);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Text strong>{job.fileName}</Typography.Text>
        <StateTag state={job.state} />
      </Space>
      {job.state === 'running' && <Running job={job} />}
      {job.state === 'done' && summary && <Summary job={job} summary={summary} />}
      {job.state === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('importFailed')}
          description={<span data-testid="import-error">{job.error?.message ?? ''}</span>}
        />
      )}
    </Space>
  );
};
