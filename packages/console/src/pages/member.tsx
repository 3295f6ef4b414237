import { useQuery } from '@tanstack/react-query';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api/client.js';
import type { MemberDetail } from '../api/types.js';
import { useCommunityId } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { useFormat, useT } from '../i18n/index.js';
import { engagementMessages } from './engagement/engagement.messages.js';
import { MemberEngagementCard } from './engagement/member-engagement.js';
import { memberMessages } from './members/member.messages.js';
import { MemberTags } from './members/member-tags.js';
import { MemberTimeline } from './members/member-timeline.js';

type Identity = MemberDetail['identities'][number];
type MemberGroup = MemberDetail['groups'][number];

const NotFound = () => {
  const t = useT(memberMessages);
  return (
    <Result
      status="404"
      title={t('notFoundTitle')}
      subTitle={t('notFound')}
      data-testid="member-not-found"
      extra={
        <Link to="/members">
          <Button type="primary">{t('backToMembers')}</Button>
        </Link>
      }
    />
  );
};

/** One member: who they are on each platform, the groups they are or were in, and what they did. */
const MemberPage = () => {
  const t = useT(memberMessages);
  const e = useT(engagementMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const memberId = Number(useParams().memberId);
  const valid = Number.isSafeInteger(memberId) && memberId > 0;

  const member = useQuery({
    queryKey: ['community', communityId, 'members', memberId],
    queryFn: () => api<MemberDetail>(`/communities/${communityId}/members/${memberId}`),
    enabled: valid,
  });

  if (!valid || (member.error instanceof ApiError && member.error.status === 404)) return <NotFound />;

  const identityColumns: TableColumnsType<Identity> = [
    { title: t('platform'), dataIndex: 'platform', width: 120, render: (p: string) => <Tag>{p}</Tag> },
    {
      title: t('platformUserId'),
      dataIndex: 'platformUserId',
      render: (id: string) => <Typography.Text copyable>{id}</Typography.Text>,
    },
    { title: t('name'), dataIndex: 'displayName' },
  ];
  const groupColumns: TableColumnsType<MemberGroup> = [
    {
      title: t('group'),
      dataIndex: 'groupName',
      render: (name: string, g) => <Link to={`/groups/${g.groupId}`}>{name}</Link>,
    },
    {
      title: t('status'),
      dataIndex: 'status',
      width: 100,
      render: (status: MemberGroup['status']) =>
        status === 'in' ? <Tag color="green">{t('statusIn')}</Tag> : <Tag>{t('statusLeft')}</Tag>,
    },
    { title: t('joined'), dataIndex: 'joinedAt', render: (v: string | null) => format.dateTime(v) },
    { title: t('left'), dataIndex: 'leftAt', render: (v: string | null) => format.dateTime(v) },
    { title: t('groupLastSeen'), dataIndex: 'lastSeenAt', render: (v: string) => format.dateTime(v) },
  ];

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          { title: <Link to="/members">{t('back')}</Link> },
          { title: member.data?.displayName ?? `#${memberId}` },
        ]}
      />
      <QueryState query={member}>
        {() => {
          const m = member.data as MemberDetail;
          return (
            <Row gutter={[16, 16]}>
              <Col span={24}>
                <Typography.Title level={3} className="page-title" data-testid="member-name">
                  {m.displayName || `#${m.id}`}
                </Typography.Title>
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 2, lg: 3 }}
                  items={[
                    { key: 'id', label: t('memberId'), children: m.id },
                    { key: 'first', label: t('firstSeen'), children: format.dateTime(m.firstSeenAt) },
                    { key: 'last', label: t('lastSeen'), children: format.dateTime(m.lastSeenAt) },
                  ]}
                />
                <MemberTags communityId={communityId} memberId={m.id} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('later')}
                </Typography.Text>
              </Col>
              <Col xs={24} xl={10}>
                <Card title={t('identities')} size="small" style={{ marginBottom: 16 }}>
                  <Table<Identity>
                    data-testid="member-identities"
                    size="small"
                    rowKey={(i) => `${i.platform}:${i.platformUserId}`}
                    columns={identityColumns}
                    dataSource={m.identities}
                    pagination={false}
                    scroll={{ x: true }}
                    locale={{ emptyText: t('noIdentities') }}
                  />
                </Card>
                <Card title={t('groups')} size="small">
                  <Table<MemberGroup>
                    data-testid="member-groups"
                    size="small"
                    rowKey="groupId"
                    columns={groupColumns}
                    dataSource={m.groups}
                    pagination={m.groups.length > 10 ? { pageSize: 10, size: 'small' } : false}
                    scroll={{ x: true }}
                    locale={{ emptyText: t('noGroups') }}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <Card title={e('engagementCard')} size="small" style={{ marginBottom: 16 }}>
                  <MemberEngagementCard communityId={communityId} memberId={m.id} />
                </Card>
                <Card title={t('timeline')} size="small">
                  <MemberTimeline communityId={communityId} memberId={m.id} displayName={m.displayName} />
                </Card>
              </Col>
            </Row>
          );
        }}
      </QueryState>
    </div>
  );
};

export default MemberPage;
