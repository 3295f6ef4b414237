import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { useCommunityId } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { engagementMessages } from './engagement.messages.js';
import type { LedgerEntry } from './types.js';

/** Why an entry is there, in words: its reason, day, badge or level. */
const describe = (e: LedgerEntry): string => {
  const d = e.data;
  for (const key of ['reason', 'badge', 'day', 'direction']) if (typeof d[key] === 'string') return String(d[key]);
  return '';
};

/** Recent ledger entries of the community, or of one member. */
export const LedgerList = ({ memberId, kind }: { memberId?: number; kind?: string }) => {
  const t = useT(engagementMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const ledger = useQuery({
    queryKey: ['community', communityId, 'ledger', memberId, kind],
    queryFn: () =>
      api<{ items: LedgerEntry[] }>(`/communities/${communityId}/ledger`, { query: { memberId, kind, limit: 100 } }),
  });
  return (
    <QueryState query={ledger}>
      {() =>
        (ledger.data?.items.length ?? 0) === 0 ? (
          <Empty description={t('emptyLedger')} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={ledger.data?.items ?? []}
            columns={[
              { title: t('at'), dataIndex: 'at', width: 170, render: (v: string) => format.dateTime(v) },
              ...(memberId === undefined
                ? [
                    {
                      title: t('member'),
                      dataIndex: 'memberName',
                      render: (name: string, e: LedgerEntry) => (
                        <Link to={`/members/${e.memberId}`}>{name || `#${e.memberId}`}</Link>
                      ),
                    },
                  ]
                : []),
              { title: t('kind'), dataIndex: 'kind', width: 110, render: (k: string) => <Tag>{k}</Tag> },
              { title: t('amount'), dataIndex: 'amount', width: 90, align: 'right' as const },
              { title: t('play'), dataIndex: 'play', width: 120 },
              { title: t('reason'), key: 'reason', render: (_: unknown, e: LedgerEntry) => describe(e) },
            ]}
          />
        )
      }
    </QueryState>
  );
};
