import { useQuery } from '@tanstack/react-query';
import { Button, Card, Table } from 'antd';
import { api } from '../../api/client.js';
import type { ImportJob } from '../../api/types.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { messages } from './import.messages.js';
import { StateTag, summaryOf } from './job-view.js';

export const importsKey = (communityId: number) => ['community', communityId, 'imports'] as const;

/** This server's imports for the community since it started, newest first; a row opens its details above. */
export const RecentImports = ({ communityId, onShow }: { communityId: number; onShow: (job: ImportJob) => void }) => {
  const t = useT(messages);
  const f = useFormat();
  const query = useQuery({
    queryKey: [...importsKey(communityId), 'list'],
    queryFn: () => api<{ items: ImportJob[] }>(`/communities/${communityId}/imports`),
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.state === 'running') ? 2000 : false),
  });
  return (
    <Card title={t('recent')}>
      <QueryState query={query} empty={{ when: query.data?.items.length === 0, title: t('recentEmpty') }}>
        {() => (
          <Table<ImportJob>
            data-testid="import-recent"
            size="small"
            rowKey="id"
            dataSource={query.data?.items ?? []}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t('colFile'), dataIndex: 'fileName', ellipsis: true },
              { title: t('colState'), dataIndex: 'state', render: (_, j) => <StateTag state={j.state} /> },
              {
                title: t('colFormat'),
                render: (_, j) => {
                  const s = summaryOf(j);
                  return s ? `${s.format}${s.dryRun ? ` · ${t('dryRun')}` : ''}` : '—';
                },
              },
              {
                title: t('inserted'),
                align: 'right',
                render: (_, j) => (j.summary ? f.number(j.summary.inserted) : '—'),
              },
              {
                title: t('duplicates'),
                align: 'right',
                render: (_, j) => (j.summary ? f.number(j.summary.duplicates) : '—'),
              },
              {
                title: t('rejected'),
                align: 'right',
                render: (_, j) => (j.summary ? f.number(j.summary.rejected) : '—'),
              },
              { title: t('colStarted'), dataIndex: 'startedAt', render: (v: string) => f.dateTime(v) },
              {
                title: t('colDuration'),
                render: (_, j) =>
                  j.finishedAt
                    ? t('seconds', {
                        n: ((new Date(j.finishedAt).getTime() - new Date(j.startedAt).getTime()) / 1000).toFixed(1),
                      })
                    : '—',
              },
              {
                title: '',
                render: (_, j) => (
                  <Button size="small" type="link" onClick={() => onShow(j)}>
                    {t('show')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
};
