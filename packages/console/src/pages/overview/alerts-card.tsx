// Open alerts: severity, the message in the current language, the group it is about and the members
// it names, each a link to where the operator acts on it.
import { Card, Divider, Empty, Flex, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { Alert } from '../../api/types.js';
import { type Messages, useLanguage, useT } from '../../i18n/index.js';
import { labels, severityKey } from './labels.js';
import { severityColor } from './palette.js';

const messages: Messages<'title' | 'none' | 'openGroup' | 'more'> = {
  'zh-CN': { title: '待处理提醒', none: '没有待处理的提醒。', openGroup: '查看群', more: '等 {n} 人' },
  en: { title: 'Open alerts', none: 'No open alerts.', openGroup: 'Open the group', more: 'and {n} more' },
};

/** Names shown per alert; the message itself already counts the rest. */
const MAX_NAMES = 10;

const Names = ({ members }: { members: NonNullable<Alert['members']> }) => {
  const t = useT(messages);
  if (members.length === 0) return null;
  return (
    <Flex wrap gap={4} style={{ marginTop: 4 }}>
      {members.slice(0, MAX_NAMES).map((m) => (
        <Link key={m.memberId} to={`/members/${m.memberId}`}>
          <Tag style={{ cursor: 'pointer' }}>{m.name}</Tag>
        </Link>
      ))}
      {members.length > MAX_NAMES && (
        <Typography.Text type="secondary">{t('more', { n: members.length - MAX_NAMES })}</Typography.Text>
      )}
    </Flex>
  );
};

export const AlertsCard = ({ alerts, testId }: { alerts: Alert[]; testId?: string }) => {
  const t = useT(messages);
  const l = useT(labels);
  const { language } = useLanguage();
  return (
    <Card
      size="small"
      title={t('title')}
      extra={alerts.length > 0 ? <Tag>{alerts.length}</Tag> : null}
      data-testid={testId}
      style={{ height: '100%' }}
      styles={{ body: { maxHeight: 420, overflowY: 'auto' } }}
    >
      {alerts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('none')} />
      ) : (
        <Flex vertical>
          {alerts.map((a, i) => (
            <Fragment key={`${a.kind}-${a.groupId ?? 'all'}-${a.message.en}`}>
              {i > 0 && <Divider style={{ margin: '8px 0' }} />}
              <div data-testid="overview-alert" data-kind={a.kind} data-severity={a.severity}>
                <Flex gap={8} align="baseline">
                  <Tag color={severityColor[a.severity]}>{l(severityKey[a.severity])}</Tag>
                  {a.groupId !== null ? (
                    <Link to={`/groups/${a.groupId}`} title={t('openGroup')}>
                      {a.message[language]}
                    </Link>
                  ) : (
                    <Typography.Text>{a.message[language]}</Typography.Text>
                  )}
                </Flex>
                {a.members && <Names members={a.members} />}
              </div>
            </Fragment>
          ))}
        </Flex>
      )}
    </Card>
  );
};
