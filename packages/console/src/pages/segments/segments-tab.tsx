import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Input, Popconfirm, Row, Space, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import { useCommunityId, useSession } from '../../auth/session.js';
import { Chart } from '../../charts/chart.js';
import { QueryState } from '../../components/query-state.js';
import { useFormat, useT } from '../../i18n/index.js';
import { FilterForm } from './filter-form.js';
import { segmentsMessages } from './segments.messages.js';
import { cleanFilter, type MemberFilter, type MembersPage, type Segment } from './types.js';

const errorText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

type Draft = { id: number | null; name: string; description: string; filter: MemberFilter };

/** Saved segments: the list, an editor with a live count, and a segment's members and sizes. */
export const SegmentsTab = () => {
  const t = useT(segmentsMessages);
  const communityId = useCommunityId();
  const session = useSession();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const segments = useQuery({
    queryKey: ['community', communityId, 'segments'],
    queryFn: () => api<{ items: Segment[] }>(`/communities/${communityId}/segments`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['community', communityId, 'segments'] });
  const save = useMutation({
    mutationFn: (d: Draft) =>
      d.id === null
        ? api<Segment>(`/communities/${communityId}/segments`, {
            body: { name: d.name, description: d.description, filter: cleanFilter(d.filter) },
          })
        : api<Segment>(`/communities/${communityId}/segments/${d.id}`, {
            method: 'PATCH',
            body: { name: d.name, description: d.description, filter: cleanFilter(d.filter) },
          }),
    onSuccess: async (s) => {
      setDraft(null);
      setSelected(s.id);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) => api(`/communities/${communityId}/segments/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setSelected(null);
      await refresh();
    },
  });
  const steward = session.can('steward');
  const current = segments.data?.items.find((s) => s.id === selected) ?? null;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Card
          size="small"
          title={t('segmentsTab')}
          extra={
            steward && (
              <Button
                type="primary"
                size="small"
                data-testid="segment-new"
                onClick={() => setDraft({ id: null, name: '', description: '', filter: {} })}
              >
                {t('newSegment')}
              </Button>
            )
          }
        >
          <QueryState
            query={segments}
            empty={{ when: (segments.data?.items.length ?? 0) === 0, title: t('noSegmentsHint') }}
          >
            {() => (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={segments.data?.items ?? []}
                data-testid="segments-table"
                rowClassName={(s) => (s.id === selected ? 'ant-table-row-selected' : '')}
                onRow={(s) => ({ onClick: () => setSelected(s.id), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('name'), dataIndex: 'name' },
                  {
                    title: t('size'),
                    key: 'size',
                    width: 90,
                    align: 'right' as const,
                    render: (_: unknown, s: Segment) => (s.lastSize ? s.lastSize.size : '—'),
                  },
                ]}
              />
            )}
          </QueryState>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {draft ? (
          <SegmentEditor
            draft={draft}
            onChange={setDraft}
            onSave={() => save.mutate(draft)}
            onCancel={() => setDraft(null)}
            saving={save.isPending}
            error={save.isError ? errorText(save.error) : null}
          />
        ) : current ? (
          <SegmentDetail
            segment={current}
            steward={steward}
            onEdit={() =>
              setDraft({ id: current.id, name: current.name, description: current.description, filter: current.filter })
            }
            onDelete={() => remove.mutate(current.id)}
          />
        ) : (
          <Card size="small">
            <Empty description={t('pickSegment')} />
          </Card>
        )}
      </Col>
    </Row>
  );
};

const SegmentEditor = ({
  draft,
  onChange,
  onSave,
  onCancel,
  saving,
  error,
}: {
  draft: Draft;
  onChange: (d: Draft) => void;
  onSave: () => void;
  onCancel: () => void;
  saving: boolean;
  error: string | null;
}) => {
  const t = useT(segmentsMessages);
  const communityId = useCommunityId();
  const filter = useMemo(() => cleanFilter(draft.filter), [draft.filter]);
  const preview = useQuery({
    queryKey: ['community', communityId, 'segments', 'preview', JSON.stringify(filter)],
    queryFn: () =>
      api<MembersPage>(`/communities/${communityId}/segments/preview`, { body: { filter }, query: { pageSize: 1 } }),
  });
  return (
    <Card size="small" title={draft.id === null ? t('newSegment') : t('edit')} data-testid="segment-editor">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          placeholder={t('name')}
          value={draft.name}
          maxLength={60}
          onChange={(e) => onChange({ ...draft, name: e.target.value })}
          data-testid="segment-name"
        />
        <Input
          placeholder={t('description')}
          value={draft.description}
          maxLength={500}
          onChange={(e) => onChange({ ...draft, description: e.target.value })}
        />
        <FilterForm value={draft.filter} onChange={(f) => onChange({ ...draft, filter: f })} />
        {preview.isError ? (
          <Alert type="warning" showIcon title={errorText(preview.error)} />
        ) : (
          <Typography.Text strong data-testid="segment-preview">
            {preview.data ? t('preview', { n: preview.data.total }) : '…'}
          </Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        <Space>
          <Button
            type="primary"
            onClick={onSave}
            loading={saving}
            disabled={draft.name.trim() === ''}
            data-testid="segment-save"
          >
            {t('save')}
          </Button>
          <Button onClick={onCancel}>{t('cancel')}</Button>
        </Space>
      </Space>
    </Card>
  );
};

const SegmentDetail = ({
  segment,
  steward,
  onEdit,
  onDelete,
}: {
  segment: Segment;
  steward: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) => {
  const t = useT(segmentsMessages);
  const format = useFormat();
  const communityId = useCommunityId();
  const [page, setPage] = useState(1);
  const members = useQuery({
    queryKey: ['community', communityId, 'segments', segment.id, 'members', page, segment.updatedAt],
    queryFn: () =>
      api<MembersPage>(`/communities/${communityId}/segments/${segment.id}/members`, {
        query: { page, pageSize: 20 },
      }),
  });
  const sizes = useQuery({
    queryKey: ['community', communityId, 'segments', segment.id, 'sizes', segment.updatedAt],
    queryFn: () =>
      api<{ items: { day: string; size: number }[] }>(`/communities/${communityId}/segments/${segment.id}/sizes`),
  });
  const option = useMemo<EChartsOption>(() => {
    const items = sizes.data?.items ?? [];
    return {
      grid: { left: 40, right: 16, top: 16, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: items.map((i) => i.day) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: t('size'),
          data: items.map((i) => i.size),
          areaStyle: {},
          showSymbol: true,
          symbolSize: 7,
        },
      ],
    };
  }, [sizes.data, t]);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={segment.name}
        data-testid="segment-detail"
        extra={
          <Space>
            <Link
              to={`/members?filter=${encodeURIComponent(JSON.stringify(segment.filter))}`}
              data-testid="segment-open-members"
            >
              <Button size="small">{t('openInMembers')}</Button>
            </Link>
            {steward && (
              <Button
                size="small"
                href={`/api/v1/communities/${communityId}/segments/${segment.id}/export.csv`}
                data-testid="segment-export"
              >
                {t('exportCsv')}
              </Button>
            )}
            {steward && (
              <Button size="small" onClick={onEdit}>
                {t('edit')}
              </Button>
            )}
            {steward && (
              <Popconfirm title={t('deleteConfirm')} onConfirm={onDelete}>
                <Button size="small" danger>
                  {t('delete')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        {segment.description && <Typography.Paragraph type="secondary">{segment.description}</Typography.Paragraph>}
        <Typography.Text>
          {segment.lastSize ? t('sizeOn', { day: segment.lastSize.day }) : t('notMeasured')}
          {segment.lastSize && (
            <Typography.Text strong data-testid="segment-size">
              {` ${format.number(segment.lastSize.size)}`}
            </Typography.Text>
          )}
        </Typography.Text>
      </Card>
      <Card size="small" title={t('sizesOverTime')}>
        <QueryState query={sizes}>{() => <Chart option={option} height={200} testId="segment-sizes" />}</QueryState>
      </Card>
      <Card size="small" title={t('members')}>
        <QueryState query={members}>
          {() => (
            <Table
              rowKey="id"
              size="small"
              dataSource={members.data?.items ?? []}
              data-testid="segment-members"
              pagination={{
                current: page,
                pageSize: 20,
                total: members.data?.total ?? 0,
                onChange: setPage,
                showSizeChanger: false,
              }}
              columns={[
                {
                  title: t('member'),
                  dataIndex: 'displayName',
                  render: (n: string, m: { id: number }) => <Link to={`/members/${m.id}`}>{n || `#${m.id}`}</Link>,
                },
                { title: t('firstSeen'), dataIndex: 'firstSeenAt', render: (v: string | null) => format.date(v) },
                { title: t('lastSeen'), dataIndex: 'lastSeenAt', render: (v: string | null) => format.dateTime(v) },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Space>
  );
};
