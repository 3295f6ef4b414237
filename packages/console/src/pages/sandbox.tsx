import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Modal, Select, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api } from '../api/client.js';
import type { Group } from '../api/types.js';
import { useCommunityId, useSession } from '../auth/session.js';
import { QueryState } from '../components/query-state.js';
import { common, roleKey } from '../i18n/common.js';
import { useT } from '../i18n/index.js';
import { CreateSandbox, sandboxGroupsKey } from './sandbox/create-sandbox.js';
import { messages } from './sandbox/sandbox.messages.js';
import { SandboxRoom } from './sandbox/sandbox-room.js';

const SandboxPage = () => {
  const t = useT(messages);
  const c = useT(common);
  const communityId = useCommunityId();
  const session = useSession();
  const steward = session.can('steward');
  const admin = session.can('admin');
  const navigate = useNavigate();
  const { groupId } = useParams();
  const [creating, setCreating] = useState(false);
  const groups = useQuery({
    queryKey: sandboxGroupsKey(communityId),
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`, { query: { platform: 'sandbox' } }),
  });
  const sandboxes = (groups.data?.items ?? []).filter((g) => g.platform === 'sandbox');
  const needsSteward = steward ? null : c('needsRole', { role: c(roleKey.steward) });

  const picked = sandboxes.find((g) => String(g.id) === groupId);
  // An unknown or non-sandbox id in the address falls back to the first sandbox group.
  if (groups.data && groupId !== undefined && !picked) {
    const first = sandboxes[0];
    return <Navigate to={first ? `/sandbox/${first.id}` : '/sandbox'} replace />;
  }
  const group = picked ?? sandboxes[0];

  const picker = (
    <Space wrap>
      <Typography.Text>{t('group')}</Typography.Text>
      <Select
        aria-label={t('group')}
        data-testid="sandbox-group-select"
        value={group?.id}
        onChange={(id: number) => navigate(`/sandbox/${id}`)}
        style={{ minWidth: 200 }}
        options={sandboxes.map((g) => ({ value: g.id, label: g.name }))}
      />
      <Tooltip title={needsSteward ?? t('createSandbox')}>
        <Button disabled={!steward} onClick={() => setCreating(true)} data-testid="sandbox-new">
          {t('newSandbox')}
        </Button>
      </Tooltip>
    </Space>
  );

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <QueryState query={groups}>
        {() =>
          group ? (
            <SandboxRoom
              key={group.id}
              communityId={communityId}
              groupId={group.id}
              picker={picker}
              steward={steward}
              admin={admin}
            />
          ) : (
            <Card title={t('createSandbox')} data-testid="sandbox-empty">
              <Typography.Paragraph>{t('noSandbox')}</Typography.Paragraph>
              {needsSteward && <Alert type="info" showIcon title={needsSteward} style={{ marginBottom: 16 }} />}
              <CreateSandbox communityId={communityId} disabled={!steward} />
            </Card>
          )
        }
      </QueryState>
      <Modal
        title={t('createSandbox')}
        open={creating}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <CreateSandbox communityId={communityId} disabled={!steward} onDone={() => setCreating(false)} />
      </Modal>
    </>
  );
};

export default SandboxPage;
