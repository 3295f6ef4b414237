import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Input, InputNumber, Switch, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { Community, GroupPlay, PlayInfo } from '../../api/types.js';
import { QueryState } from '../../components/query-state.js';
import { common, roleKey } from '../../i18n/common.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { playsMessages } from '../plays/plays.messages.js';
import { messages } from './sandbox.messages.js';

export const groupPlaysKey = (communityId: number, groupId: number) =>
  ['community', communityId, 'groups', groupId, 'plays'] as const;
export const playCatalogKey = (communityId: number) => ['community', communityId, 'plays-catalog'] as const;

/** Every play the server knows, with titles and descriptions in both languages. */
export const usePlayCatalog = (communityId: number) => {
  const { language } = useLanguage();
  const query = useQuery({
    queryKey: playCatalogKey(communityId),
    queryFn: () => api<{ items: PlayInfo[] }>('/plays'),
    staleTime: Infinity,
  });
  const info = (play: string) => query.data?.items.find((p) => p.name === play);
  return {
    query,
    title: (play: string) => info(play)?.title[language] ?? info(play)?.title['zh-CN'] ?? play,
    description: (play: string) => info(play)?.description[language] ?? '',
  };
};

/** The group's plays and their configuration (defaults where none is stored). */
export const useGroupPlays = (communityId: number, groupId: number) =>
  useQuery({
    queryKey: groupPlaysKey(communityId, groupId),
    queryFn: () => api<{ items: GroupPlay[] }>(`/communities/${communityId}/groups/${groupId}/plays`),
  });

// The welcome play's own defaults (core's defaultWelcomeTemplates), shown where the template is left empty.
const DEFAULT_WELCOME: Record<Community['language'], string> = {
  'zh-CN': '欢迎 {name} 加入「{group}」！{rules}',
  en: 'Welcome {name} to {group}! {rules}',
};

type WelcomeValues = { template: string; rules: string; burstWindowSeconds: number; maxNames: number };

const WelcomeForm = ({
  play,
  defaultTemplate,
  disabled,
  saving,
  onSave,
}: {
  play: GroupPlay;
  defaultTemplate: string;
  disabled: boolean;
  saving: boolean;
  onSave: (config: Record<string, unknown>) => void;
}) => {
  const t = useT(messages);
  const [form] = Form.useForm<WelcomeValues>();
  useEffect(() => {
    form.setFieldsValue(play.config as Partial<WelcomeValues>);
  }, [play.config, form]);
  return (
    <Form<WelcomeValues>
      form={form}
      layout="vertical"
      size="small"
      disabled={disabled}
      onFinish={(values) => onSave({ ...play.config, ...values })}
      data-testid="welcome-form"
    >
      <Form.Item name="template" label={t('template')} extra={t('templateHint')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={2000}
          placeholder={defaultTemplate}
          data-testid="welcome-template"
        />
      </Form.Item>
      <Form.Item name="rules" label={t('rules')}>
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 5 }}
          maxLength={4000}
          placeholder={t('rulesPlaceholder')}
          data-testid="welcome-rules"
        />
      </Form.Item>
      <Form.Item name="burstWindowSeconds" label={t('burst')} extra={t('burstHint')} rules={[{ required: true }]}>
        <InputNumber min={0} max={3600} precision={0} suffix={t('seconds')} data-testid="welcome-burst" />
      </Form.Item>
      <Form.Item name="maxNames" label={t('maxNames')} extra={t('maxNamesHint')} rules={[{ required: true }]}>
        <InputNumber min={1} max={100} precision={0} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="welcome-save">
        {t('save')}
      </Button>
    </Form>
  );
};

/** The group's plays: on/off per play (admin), and the welcome play's settings. */
export const PlaysPanel = ({
  communityId,
  groupId,
  admin,
}: {
  communityId: number;
  groupId: number;
  admin: boolean;
}) => {
  const t = useT(messages);
  const c = useT(common);
  const queryClient = useQueryClient();
  const catalog = usePlayCatalog(communityId);
  const [saved, setSaved] = useState<string | null>(null);
  const plays = useGroupPlays(communityId, groupId);
  const community = useQuery({
    queryKey: ['community', communityId, 'info'],
    queryFn: () => api<Community>(`/communities/${communityId}`),
  });
  const put = useMutation({
    mutationFn: (p: { play: string; enabled: boolean; config: unknown }) =>
      api<GroupPlay>(`/communities/${communityId}/groups/${groupId}/plays/${encodeURIComponent(p.play)}`, {
        method: 'PUT',
        body: { enabled: p.enabled, config: p.config },
      }),
    onMutate: () => setSaved(null),
    onSuccess: (saved) => {
      queryClient.setQueryData<{ items: GroupPlay[] }>(groupPlaysKey(communityId, groupId), (old) =>
        old ? { items: old.items.map((p) => (p.play === saved.play ? saved : p)) } : old,
      );
      setSaved(saved.play);
    },
  });
  const needsAdmin = c('needsRole', { role: c(roleKey.admin) });
  const p = useT(playsMessages);

  return (
    <Card
      title={t('plays')}
      data-testid="sandbox-plays"
      extra={
        <Link to={`/groups/${groupId}/plays`} data-testid="sandbox-plays-link">
          {p('manage')}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">{t('playsHint')}</Typography.Paragraph>
      {put.isError && (
        <Alert
          type="error"
          showIcon
          closable
          title={t('failed', { message: put.error.message })}
          style={{ marginBottom: 12 }}
        />
      )}
      <QueryState query={plays} empty={{ when: plays.data?.items.length === 0, title: t('playsEmpty') }}>
        {() => (
          <div>
            {(plays.data?.items ?? []).map((p, i) => {
              const busy = put.isPending && put.variables?.play === p.play;
              const toggle = (
                <Switch
                  checked={p.enabled}
                  disabled={!admin}
                  loading={busy}
                  checkedChildren={t('on')}
                  unCheckedChildren={t('off')}
                  aria-label={catalog.title(p.play)}
                  data-testid={`play-toggle-${p.play}`}
                  onChange={(enabled) => put.mutate({ play: p.play, enabled, config: p.config })}
                />
              );
              return (
                <div
                  key={p.play}
                  data-testid="play-item"
                  data-play={p.play}
                  style={i > 0 ? { borderTop: '1px solid #f0f0f0', paddingTop: 12, marginTop: 12 } : undefined}
                >
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, alignItems: 'center' }}>
                    <Typography.Text strong>{catalog.title(p.play)}</Typography.Text>
                    {admin ? toggle : <Tooltip title={needsAdmin}>{toggle}</Tooltip>}
                  </div>
                  {catalog.description(p.play) && (
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {catalog.description(p.play)}
                    </Typography.Paragraph>
                  )}
                  {p.play === 'welcome' && (
                    <>
                      <Divider plain titlePlacement="start" style={{ margin: '12px 0' }}>
                        {t('welcomeSettings')}
                      </Divider>
                      {!admin && (
                        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                          {needsAdmin}
                        </Typography.Paragraph>
                      )}
                      <WelcomeForm
                        play={p}
                        defaultTemplate={DEFAULT_WELCOME[community.data?.language ?? 'zh-CN']}
                        disabled={!admin}
                        saving={busy}
                        onSave={(config) => put.mutate({ play: p.play, enabled: p.enabled, config })}
                      />
                      {saved === p.play && !put.isPending && (
                        <Typography.Text type="success" style={{ marginLeft: 8 }} data-testid="welcome-saved">
                          {t('saved')}
                        </Typography.Text>
                      )}
                    </>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </QueryState>
    </Card>
  );
};
