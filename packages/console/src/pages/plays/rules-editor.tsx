// The rule set (群规) editor: fields on the left, the announcement as it will be posted on the right
// (rendered by the server as you type), publish, and the versions published before.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, List, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import { useFormat, useT } from '../../i18n/index.js';
import { playsMessages } from './plays.messages.js';
import { SchemaField } from './schema-form.js';
import type { JsonSchema, RuleSetVersion } from './types.js';

type RuleSet = Record<string, unknown>;

/** Wait until typing pauses before asking the server for a preview. */
const useDebounced = <T,>(value: T, ms: number): T => {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
};

export const RulesEditor = ({
  communityId,
  groupId,
  ruleSetSchema,
  initial,
  admin,
}: {
  communityId: number;
  groupId: number;
  ruleSetSchema: JsonSchema | undefined;
  initial: RuleSet;
  admin: boolean;
}) => {
  const t = useT(playsMessages);
  const f = useFormat();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RuleSet>(initial);
  const base = `/communities/${communityId}/groups/${groupId}/rules`;
  const debounced = useDebounced(draft, 400);
  const preview = useQuery({
    queryKey: ['community', communityId, 'groups', groupId, 'rules-preview', debounced],
    queryFn: () =>
      api<{ text: string; length: number; version: number }>(`${base}/preview`, { body: { ruleSet: debounced } }),
    retry: false,
    // An empty rule set has nothing to show (and the server would say so with a 400).
    enabled: Object.values(debounced).some((v) =>
      Array.isArray(v) ? v.length > 0 : typeof v === 'string' && v.trim() !== '',
    ),
  });
  const versions = useQuery({
    queryKey: ['community', communityId, 'groups', groupId, 'rules-versions'],
    queryFn: () => api<{ items: RuleSetVersion[] }>(`${base}/versions`),
  });
  const publish = useMutation({
    mutationFn: () =>
      api<RuleSetVersion & { text: string; posted: boolean }>(`${base}/versions`, { body: { ruleSet: draft } }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['community', communityId, 'groups', groupId] });
    },
  });
  const schema: JsonSchema = ruleSetSchema ?? { type: 'object', properties: {} };
  const labelled: JsonSchema = {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([key, p]) => {
        const titles: Record<string, string> = {
          title: t('ruleTitle'),
          value: t('ruleValue'),
          entryCriteria: t('ruleEntry'),
          encouraged: t('ruleEncouraged'),
          forbidden: t('ruleForbidden'),
          vision: t('ruleVision'),
        };
        const items = p.items?.properties
          ? {
              items: {
                ...p.items,
                properties: Object.fromEntries(
                  Object.entries(p.items.properties).map(([k, q]) => [
                    k,
                    {
                      ...q,
                      title:
                        { behaviour: t('ruleBehaviour'), reward: t('ruleReward'), penalty: t('rulePenalty') }[k] ?? k,
                    },
                  ]),
                ),
              },
            }
          : {};
        return [key, { ...p, title: titles[key] ?? key, ...items }];
      }),
    ),
  };
  return (
    <Row gutter={[16, 16]} data-testid="rules-editor">
      <Col xs={24} xl={12}>
        <SchemaField
          schema={labelled}
          value={draft}
          disabled={!admin}
          path="ruleSet"
          onChange={(v) => setDraft(v as RuleSet)}
        />
        <Flex gap={8} align="center" wrap>
          <Button
            type="primary"
            disabled={!admin || preview.isError}
            loading={publish.isPending}
            onClick={() => publish.mutate()}
            data-testid="rules-publish"
          >
            {t('publish')}
          </Button>
          {!admin && <Typography.Text type="secondary">{t('needsAdmin')}</Typography.Text>}
          {publish.data && (
            <Typography.Text type="success" data-testid="rules-published">
              {t(publish.data.posted ? 'publishedPosted' : 'published', { version: publish.data.version })}
            </Typography.Text>
          )}
        </Flex>
        {publish.isError && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            title={t('saveFailed', { message: publish.error.message })}
          />
        )}
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={t('preview')}
          extra={
            preview.data && (
              <Typography.Text type="secondary">{t('previewLength', { n: preview.data.length })}</Typography.Text>
            )
          }
        >
          {preview.isError ? (
            <Alert
              type="warning"
              showIcon
              title={preview.error instanceof ApiError ? preview.error.message : String(preview.error)}
            />
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="rules-preview">
              {preview.data?.text ?? t('empty')}
            </Typography.Paragraph>
          )}
        </Card>
        <List
          style={{ marginTop: 16 }}
          size="small"
          header={<Typography.Text strong>{t('versions')}</Typography.Text>}
          locale={{ emptyText: t('noVersions') }}
          dataSource={versions.data?.items ?? []}
          renderItem={(v) => (
            <List.Item
              actions={[
                <Button key="load" size="small" onClick={() => setDraft(v.ruleSet as RuleSet)}>
                  {t('load')}
                </Button>,
              ]}
            >
              {t('version', { version: v.version })} · {f.dateTime(v.publishedAt)}
            </List.Item>
          )}
        />
      </Col>
    </Row>
  );
};
