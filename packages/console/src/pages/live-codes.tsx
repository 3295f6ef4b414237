import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Typography } from 'antd';
import { ApiError, api } from '../api/client.js';
import { useCommunityId, useSession } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { useT } from '../i18n/index.js';
import { LiveCodeCard } from './live-codes/live-code-card.js';
import { liveCodesMessages } from './live-codes/live-codes.messages.js';
import type { LiveCode } from './live-codes/types.js';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

type NewCode = { name: string; code?: string; channels?: string[] };

/** Live codes (活码): each code with its pool of groups, how full they are, QR uploads and channel counts. */
const LiveCodesPage = () => {
  const t = useT(liveCodesMessages);
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewCode>();
  const codes = useQuery({
    queryKey: ['community', communityId, 'live-codes'],
    queryFn: () => api<{ items: LiveCode[] }>(`/communities/${communityId}/live-codes`),
  });
  const create = useMutation({
    mutationFn: (v: NewCode) =>
      api<LiveCode>(`/communities/${communityId}/live-codes`, {
        body: { name: v.name, channels: v.channels ?? [], ...(v.code?.trim() ? { code: v.code.trim() } : {}) },
      }),
    onSuccess: async () => {
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['community', communityId, 'live-codes'] });
    },
  });
  const items = codes.data?.items ?? [];
  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      {session.can('admin') && (
        <Card size="small" title={t('create')} style={{ marginBottom: 16 }}>
          <Form
            form={form}
            layout="inline"
            onFinish={(v) => create.mutate(v)}
            style={{ rowGap: 8 }}
            data-testid="live-code-create"
          >
            <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input placeholder={t('name')} data-testid="live-code-name" />
            </Form.Item>
            <Form.Item name="code" tooltip={t('codeHint')} rules={[{ pattern: /^[A-Za-z0-9_-]{3,40}$/ }]}>
              <Input placeholder={t('code')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="channels">
              <Select
                mode="tags"
                placeholder={t('channelsHint')}
                style={{ minWidth: 260 }}
                tokenSeparators={[',', ' ']}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="live-code-submit">
              {t('create')}
            </Button>
          </Form>
          {create.isError && <Alert type="error" showIcon title={errorText(create.error)} style={{ marginTop: 8 }} />}
        </Card>
      )}
      <QueryState query={codes}>
        {() =>
          items.length === 0 ? (
            <Empty description={t('emptyHint')} data-testid="live-codes-empty">
              <Typography.Text strong>{t('empty')}</Typography.Text>
            </Empty>
          ) : (
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {items.map((code) => (
                <LiveCodeCard key={code.id} code={code} />
              ))}
            </Space>
          )
        }
      </QueryState>
    </>
  );
};

export default LiveCodesPage;
