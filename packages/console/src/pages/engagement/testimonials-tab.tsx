import { useQuery } from '@tanstack/react-query';
import { Empty, List, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { useCommunityId } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { engagementMessages } from './engagement.messages.js';
import type { LedgerEntry } from './types.js';

/** Check-ins that carried content (客户见证), newest first. */
export const TestimonialsTab = () => {
  const t = useT(engagementMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const items = useQuery({
    queryKey: ['community', communityId, 'testimonials'],
    queryFn: () => api<{ items: LedgerEntry[] }>(`/communities/${communityId}/testimonials`, { query: { limit: 100 } }),
  });
  return (
    <QueryState query={items}>
      {() =>
        (items.data?.items.length ?? 0) === 0 ? (
          <Empty description={t('emptyTestimonials')} />
        ) : (
          <List
            dataSource={items.data?.items ?? []}
            renderItem={(e) => (
              <List.Item key={e.id}>
                <List.Item.Meta
                  title={
                    <span>
                      <Link to={`/members/${e.memberId}`}>{e.memberName || `#${e.memberId}`}</Link>
                      <Typography.Text type="secondary"> · {String(e.data.day ?? format.date(e.at))}</Typography.Text>
                    </span>
                  }
                  description={
                    <Typography.Paragraph style={{ marginBottom: 0 }}>
                      {String(e.data.content ?? '')}
                    </Typography.Paragraph>
                  }
                />
              </List.Item>
            )}
          />
        )
      }
    </QueryState>
  );
};
