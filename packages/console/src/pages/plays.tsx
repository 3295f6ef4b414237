// A group's plays: switch each on or off, configure it from its schema, edit the community's shared
// configuration, see where the platform makes it degrade, and backtest the form's configuration.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Flex, Switch, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.js';
import type { GroupPlay } from '../api/types.js';
import { useCommunityId, useSession } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { useLanguage, useT } from '../i18n/index.js';
import { keys, useGroup } from './overview/queries.js';
import { BacktestPanel } from './plays/backtest-panel.js';
import { playsMessages } from './plays/plays.messages.js';
import { RulesEditor } from './plays/rules-editor.js';
import { ObjectFields } from './plays/schema-form.js';
import type { GroupPlays, JsonSchema, PlayCatalogItem } from './plays/types.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const SharedEditor = ({ communityId, play, admin }: { communityId: number; play: PlayCatalogItem; admin: boolean }) => {
  const t = useT(playsMessages);
  const queryClient = useQueryClient();
  const key = ['community', communityId, 'plays', play.name, 'shared'];
  const shared = useQuery({
    queryKey: key,
    queryFn: () => api<{ config: unknown; stored: boolean }>(`/communities/${communityId}/plays/${play.name}/shared`),
  });
  const [draft, setDraft] = useState<unknown>(undefined);
  useEffect(() => {
    if (shared.data) setDraft(shared.data.config);
  }, [shared.data]);
  const save = useMutation({
    mutationFn: () =>
      api(`/communities/${communityId}/plays/${play.name}/shared`, { method: 'PUT', body: { config: draft } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return (
    <QueryState query={shared}>
      {() => (
        <Flex vertical gap={8} data-testid={`shared-${play.name}`}>
          <Typography.Text type="secondary">
            {t('sharedIntro')} {play.name === 'auto-reply' && t('faqHint')}
          </Typography.Text>
          {play.sharedSchema && (
            <ObjectFields
              schema={play.sharedSchema}
              value={draft}
              disabled={!admin}
              path={`${play.name}.shared`}
              onChange={setDraft}
            />
          )}
          <Flex gap={8} align="center">
            <Button type="primary" disabled={!admin} loading={save.isPending} onClick={() => save.mutate()}>
              {t('sharedSave')}
            </Button>
            {save.isSuccess && <Typography.Text type="success">{t('saved')}</Typography.Text>}
          </Flex>
          {save.isError && <Alert type="error" showIcon title={t('saveFailed', { message: save.error.message })} />}
        </Flex>
      )}
    </QueryState>
  );
};

const PlayPanel = ({
  communityId,
  groupId,
  play,
  info,
  admin,
  save,
}: {
  communityId: number;
  groupId: number;
  play: GroupPlay;
  info: PlayCatalogItem | undefined;
  admin: boolean;
  save: (p: { play: string; enabled: boolean; config: unknown }) => Promise<unknown>;
}) => {
  const t = useT(playsMessages);
  const [draft, setDraft] = useState<unknown>(play.config);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved' | string>('idle');
  useEffect(() => setDraft(play.config), [play.config]);
  const dirty = !same(draft, play.config);
  const schema: JsonSchema = info?.configSchema ?? { type: 'object', properties: {} };
  // The rules play's rule set has its own editor (with preview and versions); the form shows the rest.
  const formSchema: JsonSchema =
    play.play === 'rules'
      ? {
          ...schema,
          properties: Object.fromEntries(
            Object.entries(schema.properties ?? {}).filter(([k]) => k !== 'ruleSet' && k !== 'version'),
          ),
        }
      : schema;
  const submit = async () => {
    setSaving('saving');
    try {
      await save({ play: play.play, enabled: play.enabled, config: draft });
      setSaving('saved');
    } catch (error) {
      setSaving((error as Error).message);
    }
  };
  const tabs = [
    {
      key: 'config',
      label: t('tabConfig'),
      children: (
        <Flex vertical gap={8}>
          <ObjectFields schema={formSchema} value={draft} disabled={!admin} path={play.play} onChange={setDraft} />
          <Flex gap={8} align="center" wrap>
            <Button
              type="primary"
              disabled={!admin || !dirty}
              loading={saving === 'saving'}
              onClick={submit}
              data-testid={`play-save-${play.play}`}
            >
              {t('save')}
            </Button>
            <Button disabled={!dirty} onClick={() => setDraft(play.config)}>
              {t('reset')}
            </Button>
            {dirty && <Typography.Text type="warning">{t('unsaved')}</Typography.Text>}
            {!dirty && saving === 'saved' && <Typography.Text type="success">{t('saved')}</Typography.Text>}
          </Flex>
          {!['idle', 'saving', 'saved'].includes(saving) && (
            <Alert type="error" showIcon title={t('saveFailed', { message: saving })} />
          )}
        </Flex>
      ),
    },
    ...(play.play === 'rules'
      ? [
          {
            key: 'rules',
            label: t('tabRules'),
            children: (
              <RulesEditor
                communityId={communityId}
                groupId={groupId}
                ruleSetSchema={schema.properties?.ruleSet}
                initial={((play.config as Record<string, unknown>).ruleSet ?? {}) as Record<string, unknown>}
                admin={admin}
              />
            ),
          },
        ]
      : []),
    ...(info?.sharedSchema
      ? [
          {
            key: 'shared',
            label: t('tabShared'),
            children: <SharedEditor communityId={communityId} play={info} admin={admin} />,
          },
        ]
      : []),
    {
      key: 'backtest',
      label: t('tabBacktest'),
      children: <BacktestPanel communityId={communityId} groupId={groupId} play={play.play} config={draft} />,
    },
  ];
  return <Tabs items={tabs} size="small" />;
};

const PlaysPage = () => {
  const communityId = useCommunityId();
  const groupId = Number(useParams().groupId);
  const t = useT(playsMessages);
  const { language } = useLanguage();
  const session = useSession();
  const admin = session.can('admin');
  const queryClient = useQueryClient();
  const group = useGroup(communityId, groupId);
  const plays = useQuery({
    queryKey: keys.groupPlays(communityId, groupId),
    queryFn: () => api<GroupPlays>(`/communities/${communityId}/groups/${groupId}/plays`),
  });
  const catalog = useQuery({
    queryKey: ['plays-catalog-schemas'],
    queryFn: () => api<{ items: PlayCatalogItem[] }>('/plays'),
    staleTime: Infinity,
  });
  const info = useMemo(() => new Map((catalog.data?.items ?? []).map((p) => [p.name, p])), [catalog.data]);
  const put = useMutation({
    mutationFn: (p: { play: string; enabled: boolean; config: unknown }) =>
      api<GroupPlay>(`/communities/${communityId}/groups/${groupId}/plays/${encodeURIComponent(p.play)}`, {
        method: 'PUT',
        body: { enabled: p.enabled, config: p.config },
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData<GroupPlays>(keys.groupPlays(communityId, groupId), (old) =>
        old ? { ...old, items: old.items.map((p) => (p.play === saved.play ? saved : p)) } : old,
      );
    },
  });
  const capabilities = plays.data?.capabilities ?? null;
  const missing = (p: PlayCatalogItem | undefined) =>
    capabilities ? (p?.needs ?? []).filter((c) => capabilities[c] === false) : [];

  return (
    <Flex vertical gap={16} data-testid="plays-page">
      <Card>
        <Flex justify="space-between" align="start" wrap gap={16}>
          <Flex vertical gap={4}>
            <Link to={`/groups/${groupId}`}>← {t('backToGroup')}</Link>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('title')} · {group.data?.name ?? ''}
            </Typography.Title>
            <Typography.Text type="secondary">{t('intro')}</Typography.Text>
          </Flex>
          <Link to={group.data?.platform === 'sandbox' ? `/sandbox/${groupId}` : '/sandbox'}>{t('openSandbox')}</Link>
        </Flex>
        {plays.data && capabilities === null && (
          <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('noConnection')} />
        )}
      </Card>
      {put.isError && <Alert type="error" showIcon closable title={t('saveFailed', { message: put.error.message })} />}
      <QueryState query={plays.isError ? plays : catalog}>
        {() => (
          <Collapse
            items={(plays.data?.items ?? []).map((p) => {
              const about = info.get(p.play);
              const lacks = missing(about);
              return {
                key: p.play,
                label: (
                  <Flex vertical gap={2} data-testid={`play-card-${p.play}`}>
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text strong>{about?.title[language] ?? p.play}</Typography.Text>
                      <Tag color={p.enabled ? 'green' : 'default'} data-testid={`play-state-${p.play}`}>
                        {p.enabled ? t('on') : t('off')}
                      </Tag>
                      {!p.stored && <Tag>{t('defaults')}</Tag>}
                      {lacks.length > 0 && (
                        <Tag color="orange" data-testid={`play-degrades-${p.play}`}>
                          {t('degrades', { caps: lacks.join(', ') })}
                        </Tag>
                      )}
                    </Flex>
                    <Typography.Text type="secondary">{about?.description[language] ?? ''}</Typography.Text>
                  </Flex>
                ),
                extra: (
                  // biome-ignore lint/a11y/noStaticElementInteractions: stops the switch from folding the panel
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the switch inside handles the keyboard
                  <span onClick={(e) => e.stopPropagation()}>
                    <Switch
                      checked={p.enabled}
                      disabled={!admin}
                      loading={put.isPending && put.variables?.play === p.play}
                      aria-label={about?.title[language] ?? p.play}
                      data-testid={`play-switch-${p.play}`}
                      onChange={(enabled) => put.mutate({ play: p.play, enabled, config: p.config })}
                    />
                  </span>
                ),
                children: (
                  <PlayPanel
                    communityId={communityId}
                    groupId={groupId}
                    play={p}
                    info={about}
                    admin={admin}
                    save={(x) => put.mutateAsync(x)}
                  />
                ),
              };
            })}
          />
        )}
      </QueryState>
    </Flex>
  );
};

export default PlaysPage;
