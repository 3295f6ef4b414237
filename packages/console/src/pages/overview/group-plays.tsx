// A group's plays and their state; admins switch them on and off.
import { Alert, Card, Divider, Flex, Switch, Tag, Typography } from 'antd';
import { Fragment } from 'react';
import { ApiError } from '../../api/client.js';
import type { GroupPlay, PlayInfo } from '../../api/types.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { AdminOnly } from './admin-only.js';
import { groupMessages } from './group.messages.js';
import { usePutPlay } from './play-mutation.js';

export const GroupPlaysCard = ({
  communityId,
  groupId,
  plays,
  catalog,
}: {
  communityId: number;
  groupId: number;
  plays: GroupPlay[];
  catalog: PlayInfo[];
}) => {
  const t = useT(groupMessages);
  const { language } = useLanguage();
  const put = usePutPlay(communityId, groupId);
  const info = new Map(catalog.map((p) => [p.name, p]));
  return (
    <Card size="small" title={t('plays')} style={{ height: '100%' }} data-testid="group-plays">
      {plays.length === 0 && <Typography.Text type="secondary">{t('noPlays')}</Typography.Text>}
      {plays.map((p, i) => {
        const about = info.get(p.play);
        const busy = put.isPending && put.variables?.play === p.play;
        return (
          <Fragment key={p.play}>
            {i > 0 && <Divider style={{ margin: '12px 0' }} />}
            <Flex justify="space-between" align="start" gap={16} data-testid={`group-play-${p.play}`}>
              <Flex vertical gap={2}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{about?.title[language] ?? p.play}</Typography.Text>
                  <Tag color={p.enabled ? 'green' : 'default'} data-testid={`group-play-${p.play}-state`}>
                    {p.enabled ? t('playOn') : t('playOff')}
                  </Tag>
                  {!p.stored && <Tag>{t('playDefault')}</Tag>}
                </Flex>
                {about?.description[language] && (
                  <Typography.Text type="secondary">{about.description[language]}</Typography.Text>
                )}
              </Flex>
              <AdminOnly>
                {(allowed) => (
                  <Switch
                    checked={p.enabled}
                    disabled={!allowed}
                    loading={busy}
                    aria-label={about?.title[language] ?? p.play}
                    data-testid={`group-play-${p.play}-switch`}
                    onChange={(enabled) => put.mutate({ play: p.play, enabled, config: p.config })}
                  />
                )}
              </AdminOnly>
            </Flex>
          </Fragment>
        );
      })}
      {put.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('saveFailed', { message: put.error instanceof ApiError ? put.error.message : String(put.error) })}
        />
      )}
    </Card>
  );
};
