import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { TimelineEvent } from '../../api/types.js';
import { QueryState } from '../../components/query-state.js';
import { common } from '../../i18n/common.js';
import { useFormat, useT } from '../../i18n/index.js';
import { eventTypeColor, eventTypeKey, memberMessages } from './member.messages.js';

const PAGE = 50;

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A member's events, newest first, fifty at a time. */
export const MemberTimeline = ({
  communityId,
  memberId,
  displayName,
}: {
  communityId: number;
  memberId: number;
  displayName: string;
}) => {
  const t = useT(memberMessages);
  const c = useT(common);
  const format = useFormat();
  const events = useInfiniteQuery({
    queryKey: ['community', communityId, 'members', memberId, 'events'],
    queryFn: ({ pageParam }) =>
      api<{ items: TimelineEvent[]; nextCursor: string | null }>(
        `/communities/${communityId}/members/${memberId}/events`,
        { query: { limit: PAGE, cursor: pageParam } },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  const typeName = (type: string) => {
    const key = eventTypeKey[type];
    return key ? t(key) : type;
  };

  return (
    <div data-testid="member-timeline">
      {/* Once a first page is shown, a failed "load more" keeps it and says so below. */}
      <QueryState
        query={{ ...events, isError: events.isError && !events.data }}
        empty={{ when: items.length === 0, title: t('noEvents') }}
      >
        {() => (
          <>
            <Timeline
              items={items.map((e) => ({
                key: e.id,
                color: eventTypeColor[e.type] ?? 'gray',
                content: (
                  <div data-testid="timeline-item" data-event-type={e.type}>
                    <Space size={[8, 0]} wrap>
                      <Typography.Text type="secondary">{format.dateTime(e.at)}</Typography.Text>
                      <Link to={`/groups/${e.groupId}`}>{e.groupName}</Link>
                      <Tag color={eventTypeColor[e.type]}>{typeName(e.type)}</Tag>
                      {e.payload.name && e.payload.name !== displayName && (
                        <Typography.Text type="secondary">{t('asName', { name: e.payload.name })}</Typography.Text>
                      )}
                      {e.payload.inviterMemberId !== undefined && (
                        <Typography.Text type="secondary">
                          {t('invitedBy')}
                          <Link to={`/members/${e.payload.inviterMemberId}`}>#{e.payload.inviterMemberId}</Link>
                        </Typography.Text>
                      )}
                    </Space>
                    {e.payload.text && (
                      <Typography.Paragraph
                        style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                      >
                        {e.payload.text}
                      </Typography.Paragraph>
                    )}
                  </div>
                ),
              }))}
            />
            {events.hasNextPage ? (
              <Button
                data-testid="timeline-load-more"
                block
                loading={events.isFetchingNextPage}
                onClick={() => void events.fetchNextPage()}
              >
                {t('loadMore')}
              </Button>
            ) : null}
            {events.isFetchNextPageError && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 8 }}
                title={c('loadFailed', { message: errorMessage(events.error) })}
              />
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};
