// The report's months, newest first.
import { Card, Table } from 'antd';
import type { Report } from '../../api/types.js';
import { useFormat, useT } from '../../i18n/index.js';
import { labels } from './labels.js';
import { overviewMessages } from './overview.messages.js';

type Month = Report['monthly'][number];

export const MonthlyTable = ({ monthly }: { monthly: Report['monthly'] }) => {
  const t = useT(overviewMessages);
  const l = useT(labels);
  const f = useFormat();
  const count = (n: number) => f.number(n);
  return (
    <Card title={t('monthly')} size="small" style={{ height: '100%' }}>
      <Table<Month>
        size="small"
        data-testid="overview-monthly"
        rowKey="month"
        dataSource={[...monthly].reverse()}
        pagination={monthly.length > 12 ? { pageSize: 12, size: 'small' } : false}
        scroll={{ x: true }}
        columns={[
          {
            title: t('month'),
            dataIndex: 'month',
            render: (m: string) => <span style={{ whiteSpace: 'nowrap' }}>{m}</span>,
          },
          { title: l('messages'), dataIndex: 'messages', align: 'right', render: count },
          { title: l('activeMembers'), dataIndex: 'activeMembers', align: 'right', render: count },
          { title: l('joins'), dataIndex: 'joins', align: 'right', render: count },
          { title: l('leaves'), dataIndex: 'leaves', align: 'right', render: count },
        ]}
      />
    </Card>
  );
};
