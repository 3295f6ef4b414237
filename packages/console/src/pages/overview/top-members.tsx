// The members who posted most in the scope, each a link to their page.
import { Card, Table } from 'antd';
import { Link } from 'react-router';
import type { Report } from '../../api/types.js';
import { useFormat, useT } from '../../i18n/index.js';
import { groupMessages } from './group.messages.js';
import { labels } from './labels.js';

type Top = Report['topMembers'][number];

export const TopMembersCard = ({ members }: { members: Report['topMembers'] }) => {
  const t = useT(groupMessages);
  const l = useT(labels);
  const f = useFormat();
  return (
    <Card size="small" title={t('topMembers')} style={{ height: '100%' }}>
      <Table<Top>
        size="small"
        rowKey="memberId"
        data-testid="group-top-members"
        dataSource={members}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('noTopMembers') }}
        columns={[
          {
            title: t('member'),
            dataIndex: 'name',
            render: (name: string, m) => <Link to={`/members/${m.memberId}`}>{name}</Link>,
          },
          { title: l('messages'), dataIndex: 'messages', align: 'right', render: (n: number) => f.number(n) },
          { title: t('activeDays'), dataIndex: 'activeDays', align: 'right', render: (n: number) => f.number(n) },
        ]}
      />
    </Card>
  );
};
