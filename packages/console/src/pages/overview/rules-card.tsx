// The group's announcement and rules: for now the welcome play's `rules` text, sent with each greeting.
import { Alert, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { GroupPlay } from '../../api/types.js';
import { useT } from '../../i18n/index.js';
import { AdminOnly } from './admin-only.js';
import { groupMessages } from './group.messages.js';
import { usePutPlay } from './play-mutation.js';

const RULES_MAX = 4000;

export const RulesCard = ({
  communityId,
  groupId,
  welcome,
}: {
  communityId: number;
  groupId: number;
  /** The group's welcome play, if this server has one. */
  welcome: GroupPlay | undefined;
}) => {
  const t = useT(groupMessages);
  const put = usePutPlay(communityId, groupId);
  const stored = typeof welcome?.config.rules === 'string' ? welcome.config.rules : '';
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? stored;
  const save = () => {
    if (!welcome) return;
    put.mutate(
      { play: welcome.play, enabled: welcome.enabled, config: { ...welcome.config, rules: text } },
      { onSuccess: () => setDraft(null) },
    );
  };
  return (
    <Card size="small" title={t('rules')} style={{ height: '100%' }} data-testid="group-rules">
      <Flex vertical gap={8}>
        {welcome && <Typography.Text type="secondary">{t('rulesHint')}</Typography.Text>}
        {welcome && !welcome.enabled && <Alert type="info" showIcon title={t('rulesWelcomeOff')} />}
        {welcome && (
          <AdminOnly>
            {(allowed) =>
              allowed ? (
                <Flex vertical gap={24}>
                  <Input.TextArea
                    value={text}
                    onChange={(e) => setDraft(e.target.value)}
                    autoSize={{ minRows: 3, maxRows: 10 }}
                    maxLength={RULES_MAX}
                    showCount
                    placeholder={t('rulesPlaceholder')}
                    data-testid="group-rules-text"
                  />
                  <Flex justify="end">
                    <Button
                      type="primary"
                      disabled={draft === null || draft === stored}
                      loading={put.isPending}
                      onClick={save}
                      data-testid="group-rules-save"
                    >
                      {t('save')}
                    </Button>
                  </Flex>
                </Flex>
              ) : (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {stored || <Typography.Text type="secondary">{t('rulesEmpty')}</Typography.Text>}
                </Typography.Paragraph>
              )
            }
          </AdminOnly>
        )}
        {put.isError && (
          <Alert
            type="error"
            showIcon
            title={t('saveFailed', { message: put.error instanceof ApiError ? put.error.message : String(put.error) })}
          />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('rulesLater')}
        </Typography.Text>
      </Flex>
    </Card>
  );
};
