import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Popconfirm, Radio, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { moderationMessages } from './moderation.messages.js';
import { type BlocklistEntry, moderationKey } from './types.js';

const SOURCE = { operator: 'sourceOperator', import: 'sourceImport', 'penalty-ladder': 'sourceLadder' } as const;

type AddForm = { memberId?: number; platform?: string; platformUserId?: string; displayName?: string; reason?: string };

/** The community's blocklist: list, add (by member id or platform identity), remove, import, export. */
export const BlocklistTab = ({ communityId, notify }: { communityId: number; notify: (text: string) => void }) => {
  const t = useT(moderationMessages);
  const f = useFormat();
  const session = useSession();
  const queryClient = useQueryClient();
  const [by, setBy] = useState<'id' | 'identity'>('identity');
  const [content, setContent] = useState('');
  const [form] = Form.useForm<AddForm>();
  const key = moderationKey(communityId, 'blocklist');
  const base = `/communities/${communityId}/moderation/blocklist`;
  const list = useQuery({ queryKey: key, queryFn: () => api<{ items: BlocklistEntry[] }>(base) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (body: AddForm) => api(base, { body }),
    onSuccess: () => {
      refresh();
      form.resetFields();
      notify(t('done'));
    },
  });
  const remove = useMutation({
    mutationFn: (memberId: number) => api(`${base}/${memberId}`, { method: 'DELETE' }),
    onSuccess: () => {
      refresh();
      notify(t('removed'));
    },
  });
  const importList = useMutation({
    mutationFn: (text: string) =>
      api<{ lines: number; added: number }>(`${base}/import`, {
        body: { format: text.trim().startsWith('[') ? 'json' : 'csv', content: text },
      }),
    onSuccess: (r) => {
      refresh();
      setContent('');
      notify(t('imported', { lines: r.lines, added: r.added }));
    },
  });
  const error = add.error ?? remove.error ?? importList.error;
  const lineErrors =
    importList.error instanceof ApiError && Array.isArray(importList.error.details)
      ? (importList.error.details as { line?: number; message?: string }[]).filter((d) => typeof d.line === 'number')
      : [];
  const canEdit = session.can('steward');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('failed', { message: error.message })}
          description={
            lineErrors.length > 0 ? (
              <ul style={{ margin: 0 }}>
                {lineErrors.slice(0, 20).map((e) => (
                  <li key={`${e.line}:${e.message}`}>
                    {t('lineErrors', { line: e.line ?? 0, message: e.message ?? '' })}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Space wrap>
        <Button href={`/api/v1${base}/export?format=csv`} data-testid="moderation-export-csv">
          {t('exportCsv')}
        </Button>
        <Button href={`/api/v1${base}/export?format=json`}>{t('exportJson')}</Button>
      </Space>
      <QueryState query={list} empty={{ when: (list.data?.items.length ?? 0) === 0, title: t('blocklistEmpty') }}>
        {() => (
          <Table<BlocklistEntry>
            data-testid="moderation-blocklist-table"
            rowKey="memberId"
            size="middle"
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: true }}
            columns={[
              { title: t('member'), dataIndex: 'displayName' },
              {
                title: t('identities'),
                render: (_, e) =>
                  e.identities.map((i) => (
                    <Tag key={`${i.platform}:${i.platformUserId}`}>{`${i.platform}:${i.platformUserId}`}</Tag>
                  )),
              },
              { title: t('reason'), dataIndex: 'reason' },
              {
                title: t('source'),
                dataIndex: 'source',
                render: (s: string) => (s in SOURCE ? t(SOURCE[s as keyof typeof SOURCE]) : s),
              },
              { title: t('added'), dataIndex: 'addedAt', render: (v: string) => f.dateTime(v) },
              {
                title: t('actions'),
                width: 100,
                render: (_, e) =>
                  canEdit ? (
                    <Popconfirm
                      title={t('removeConfirm', { name: e.displayName })}
                      onConfirm={() => remove.mutateAsync(e.memberId)}
                    >
                      <Button size="small" danger>
                        {t('remove')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
      {canEdit && (
        <Card title={t('addToBlocklist')} size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Radio.Group value={by} onChange={(e) => setBy(e.target.value)}>
              <Radio.Button value="identity">{t('byIdentity')}</Radio.Button>
              <Radio.Button value="id">{t('byMemberId')}</Radio.Button>
            </Radio.Group>
            <Form
              form={form}
              layout="inline"
              style={{ rowGap: 12 }}
              onFinish={(v) => add.mutate(v)}
              data-testid="moderation-blocklist-add"
            >
              {by === 'id' ? (
                <Form.Item name="memberId" rules={[{ required: true }]}>
                  <InputNumber min={1} placeholder={t('memberId')} style={{ width: 160 }} />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name="platform" rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder={t('platform')} maxLength={40} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name="platformUserId" rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder={t('platformUserId')} maxLength={200} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name="displayName">
                    <Input placeholder={t('displayName')} maxLength={200} style={{ width: 140 }} />
                  </Form.Item>
                </>
              )}
              <Form.Item name="reason">
                <Input placeholder={t('reason')} maxLength={500} style={{ width: 200 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={add.isPending}>
                {t('add')}
              </Button>
            </Form>
          </Space>
        </Card>
      )}
      {session.can('admin') && (
        <Card title={t('import')} size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="info" title={t('importHelp')} />
            <Input.TextArea
              data-testid="moderation-import-text"
              rows={6}
              placeholder={t('importPlaceholder')}
              value={content}
              onChange={(e) => setContent(e.target.value)}
            />
            <Button
              type="primary"
              disabled={!content.trim()}
              loading={importList.isPending}
              onClick={() => importList.mutate(content)}
            >
              {t('import')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
};
