import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, Row, Space, Tooltip, Typography } from 'antd';
import { type ReactElement, type ReactNode, useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { TranscriptItem } from '../../api/types.js';
import { QueryState } from '../../components/query-state.js';
import { common, roleKey } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';
import { Chat } from './chat.js';
import { PlaysPanel, useGroupPlays, usePlayCatalog } from './plays-panel.js';
import { messages } from './sandbox.messages.js';

const PRESETS = [
  { user: 'xiaoming', name: '小明' },
  { user: 'xiaohong', name: '小红' },
  { user: 'alice', name: 'Alice' },
  { user: 'bob', name: 'Bob' },
];

type Transcript = { items: TranscriptItem[] };
const LIMIT = 100;

/**
 * The answer to an action carries the newest 50 lines; keep the older ones already shown. Anything
 * shown that is missing from the answer is older than all of it (lines are only ever appended).
 */
const merge = (old: Transcript | undefined, fresh: TranscriptItem[]): Transcript => {
  const key = (i: TranscriptItem) => `${i.kind}:${i.id}`;
  const seen = new Set(fresh.map(key));
  return { items: [...(old?.items ?? []).filter((i) => !seen.has(key(i))), ...fresh].slice(-LIMIT) };
};

/** A disabled control with the reason on hover, or the control as it is. */
const Gate = ({ reason, children }: { reason: string | null; children: ReactElement }) =>
  reason ? (
    <Tooltip title={reason}>
      <span style={{ display: 'inline-block' }}>{children}</span>
    </Tooltip>
  ) : (
    children
  );

export const SandboxRoom = ({
  communityId,
  groupId,
  picker,
  steward,
  admin,
}: {
  communityId: number;
  groupId: number;
  picker: ReactNode;
  steward: boolean;
  admin: boolean;
}) => {
  const t = useT(messages);
  const c = useT(common);
  const queryClient = useQueryClient();
  const catalog = usePlayCatalog(communityId);
  const plays = useGroupPlays(communityId, groupId);
  const welcome = plays.data?.items.find((p) => p.play === 'welcome');
  const burst = typeof welcome?.config.burstWindowSeconds === 'number' ? welcome.config.burstWindowSeconds : 0;

  const [user, setUser] = useState(PRESETS[0]?.user ?? '');
  const [name, setName] = useState(PRESETS[0]?.name ?? '');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [welcomeOffNotice, setWelcomeOffNotice] = useState(false);
  // When the welcome waiting for its burst window should go out (by this browser's clock).
  const [welcomeDueAt, setWelcomeDueAt] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    if (welcomeDueAt === null) return;
    const timer = setInterval(() => {
      const n = Date.now();
      setNow(n);
      // The server's tick sends it on its own; stop waiting a little after it should have.
      if (n > welcomeDueAt + 6000) setWelcomeDueAt(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [welcomeDueAt]);

  const key = ['community', communityId, 'sandbox', groupId, 'transcript'];
  const transcript = useQuery({
    queryKey: key,
    queryFn: () =>
      api<Transcript>(`/communities/${communityId}/sandbox/groups/${groupId}/transcript`, { query: { limit: LIMIT } }),
    staleTime: 0,
    // Look again while something is on its way: a pending action, or a welcome waiting for its window.
    refetchInterval: (q) =>
      welcomeDueAt !== null || q.state.data?.items.some((i) => i.kind === 'action' && i.status === 'pending')
        ? 2000
        : false,
  });
  const show = (items: TranscriptItem[]) => queryClient.setQueryData<Transcript>(key, (old) => merge(old, items));

  const act = useMutation({
    mutationFn: (body: {
      type: 'join' | 'leave' | 'message' | 'join_request' | 'callback';
      user: string;
      name?: string;
      text?: string;
      data?: string;
    }) =>
      api<{ transcript: TranscriptItem[] }>(`/communities/${communityId}/sandbox/groups/${groupId}/events`, { body }),
    onMutate: () => setProblem(null),
    onSuccess: (answer, body) => {
      show(answer.transcript);
      // Members and counts elsewhere in the console now include this one.
      void queryClient.invalidateQueries({
        queryKey: ['community', communityId],
        // …but not this page's own lines and settings, which the answer already brings.
        predicate: (q) => q.queryKey[2] !== 'sandbox' && q.queryKey[4] !== 'plays',
      });
      if (body.type === 'message') setText('');
      if (body.type === 'join') {
        setWelcomeOffNotice(!welcome?.enabled);
        if (welcome?.enabled && burst > 0) {
          setNow(Date.now());
          setWelcomeDueAt((due) => due ?? Date.now() + burst * 1000);
        }
      }
    },
    onError: (e) => setProblem(t('failed', { message: e.message })),
  });
  const fastForward = useMutation({
    mutationFn: () =>
      api<{ transcript: TranscriptItem[] }>(`/communities/${communityId}/sandbox/groups/${groupId}/fast-forward`, {
        body: {},
      }),
    onMutate: () => setProblem(null),
    onSuccess: (answer) => {
      show(answer.transcript);
      setWelcomeDueAt(null);
    },
    onError: (e) => setProblem(t('failed', { message: e.message })),
  });

  const send = (type: 'join' | 'leave' | 'message' | 'join_request') => {
    const u = user.trim();
    if (!u) return setProblem(t('needUser'));
    if (type === 'message' && !text.trim()) return setProblem(t('needText'));
    const n = name.trim();
    // A join request carries what is typed as the applicant's answers.
    const withText = type === 'message' || (type === 'join_request' && text.trim());
    act.mutate({ type, user: u, ...(n ? { name: n } : {}), ...(withText ? { text } : {}) });
  };
  const press = (data: string) => {
    const u = user.trim();
    if (!u) return setProblem(t('needUser'));
    const n = name.trim();
    act.mutate({ type: 'callback', user: u, ...(n ? { name: n } : {}), data });
  };

  const busy = act.isPending || fastForward.isPending;
  const needsSteward = steward ? null : c('needsRole', { role: c(roleKey.steward) });
  const remaining = welcomeDueAt === null ? 0 : Math.max(0, Math.round((welcomeDueAt - now) / 1000));

  const hint =
    welcomeDueAt !== null ? (
      <Alert
        type="warning"
        showIcon
        title={remaining > 0 ? t('welcomeWaiting', { s: remaining }) : t('welcomeSoon')}
        data-testid="sandbox-hint"
      />
    ) : welcomeOffNotice && !welcome?.enabled ? (
      <Alert type="info" showIcon title={t('welcomeOff')} data-testid="sandbox-hint" />
    ) : welcome?.enabled && burst > 0 ? (
      <Alert type="info" showIcon title={t('fastForwardHint', { s: burst })} data-testid="sandbox-hint" />
    ) : null;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15} xxl={16}>
        <Card
          title={picker}
          extra={
            <Space wrap>
              <Button onClick={() => void transcript.refetch()} loading={transcript.isFetching && !busy}>
                {t('refresh')}
              </Button>
              <Gate reason={needsSteward}>
                <Button
                  type="primary"
                  ghost
                  disabled={!steward || busy}
                  loading={fastForward.isPending}
                  onClick={() => fastForward.mutate()}
                  data-testid="sandbox-fast-forward"
                >
                  {t('fastForward')}
                </Button>
              </Gate>
            </Space>
          }
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {hint}
            <QueryState query={transcript}>
              {() => (
                <Chat
                  items={transcript.data?.items ?? []}
                  playTitle={catalog.title}
                  onPress={steward && !busy ? press : undefined}
                />
              )}
            </QueryState>
            {problem && <Alert type="error" showIcon closable onClose={() => setProblem(null)} title={problem} />}
            {needsSteward && <Typography.Text type="secondary">{needsSteward}</Typography.Text>}
            <Space wrap align="center">
              <Typography.Text strong>{t('actAs')}</Typography.Text>
              <Space.Compact>
                <Space.Addon>{t('userId')}</Space.Addon>
                <Input
                  value={user}
                  maxLength={100}
                  aria-label={t('userId')}
                  onChange={(e) => setUser(e.target.value)}
                  disabled={!steward}
                  data-testid="sandbox-user"
                  style={{ width: 110 }}
                />
              </Space.Compact>
              <Space.Compact>
                <Space.Addon>{t('displayName')}</Space.Addon>
                <Input
                  value={name}
                  maxLength={100}
                  aria-label={t('displayName')}
                  onChange={(e) => setName(e.target.value)}
                  disabled={!steward}
                  data-testid="sandbox-name"
                  style={{ width: 110 }}
                />
              </Space.Compact>
              <Typography.Text type="secondary">{t('presets')}</Typography.Text>
              {PRESETS.map((p) => (
                <Button
                  key={p.user}
                  size="small"
                  type={p.user === user.trim() ? 'primary' : 'default'}
                  disabled={!steward}
                  onClick={() => {
                    setUser(p.user);
                    setName(p.name);
                  }}
                  data-testid={`sandbox-preset-${p.user}`}
                >
                  {p.name}
                </Button>
              ))}
            </Space>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              <Gate reason={needsSteward}>
                <Button disabled={!steward || busy} onClick={() => send('join')} data-testid="sandbox-join">
                  {t('join')}
                </Button>
              </Gate>
              <Gate reason={needsSteward}>
                <Button disabled={!steward || busy} onClick={() => send('leave')} data-testid="sandbox-leave">
                  {t('leave')}
                </Button>
              </Gate>
              <Gate reason={needsSteward}>
                <Button
                  disabled={!steward || busy}
                  onClick={() => send('join_request')}
                  title={t('requestHint')}
                  data-testid="sandbox-request"
                >
                  {t('request')}
                </Button>
              </Gate>
              <Input
                value={text}
                maxLength={10_000}
                placeholder={t('messagePlaceholder')}
                aria-label={t('messagePlaceholder')}
                onChange={(e) => setText(e.target.value)}
                onPressEnter={() => {
                  if (steward && !busy) send('message');
                }}
                disabled={!steward}
                data-testid="sandbox-text"
                style={{ flex: 1, minWidth: 200 }}
              />
              <Gate reason={needsSteward}>
                <Button
                  type="primary"
                  disabled={!steward || busy}
                  loading={act.isPending && act.variables?.type === 'message'}
                  onClick={() => send('message')}
                  data-testid="sandbox-send"
                >
                  {t('send')}
                </Button>
              </Gate>
            </div>
          </Space>
        </Card>
      </Col>
      <Col xs={24} xl={9} xxl={8}>
        <PlaysPanel communityId={communityId} groupId={groupId} admin={admin} />
      </Col>
    </Row>
  );
};
