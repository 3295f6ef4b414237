// The group's name, platform, type and stage, its key facts, and (for admins) the edit button.
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Group, Report } from '../../api/types.js';
import { useFormat, useT } from '../../i18n/index.js';
import { groupMessages } from './group.messages.js';
import { GroupEdit } from './group-edit.js';
import { StageTag, TypeTag } from './tags.js';

/** `report` is the group's own report, once it has come. */
export const GroupHeader = ({ group, report }: { group: Group; report: Report | undefined }) => {
  const t = useT(groupMessages);
  const f = useFormat();
  const lifecycle = report?.lifecycle;
  const lastMessageAt = report?.groups.find((g) => g.id === group.id)?.lastMessageAt ?? null;
  return (
    <Card>
      <Flex justify="space-between" align="start" wrap gap={16}>
        <Flex vertical gap={4}>
          <Link to="/groups">← {t('back')}</Link>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="group-title">
              {group.name}
            </Typography.Title>
            <Tag data-testid="group-platform">{group.platform}</Tag>
            <TypeTag type={group.type} />
            {lifecycle && <StageTag lifecycle={lifecycle} showSince />}
          </Flex>
        </Flex>
        <GroupEdit group={group} />
      </Flex>
      <Descriptions size="small" style={{ marginTop: 16 }} column={{ xs: 1, sm: 2, lg: 3, xxl: 6 }}>
        <Descriptions.Item label={t('membersNow')}>
          <Link to={`/members?groupId=${group.id}`} data-testid="group-members">
            {f.number(group.members)}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('capacity')}>
          {group.capacity ? f.number(group.capacity) : t('noCapacity')}
        </Descriptions.Item>
        <Descriptions.Item label={t('messagesTotal')}>
          {report ? f.number(report.totals.messages) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('lastMessage')}>{f.dateTime(lastMessageAt)}</Descriptions.Item>
        <Descriptions.Item label={t('platformGroupId')}>
          <Typography.Text copyable>{group.platformGroupId}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('createdAt')}>{f.date(group.createdAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
};
