import { useQuery } from '@tanstack/react-query';
import { Checkbox, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { api } from '../../api/client.js';
import type { Group } from '../../api/types.js';
import { useCommunityId } from '../../auth/session.js';
import { useT } from '../../i18n/index.js';
import { segmentsMessages } from './segments.messages.js';
import type { MemberFilter } from './types.js';

const LAYERS = ['active', 'participant', 'observer', 'lurker'] as const;
const LOYALTY = ['loyal', 'high', 'medium', 'low', 'none'] as const;
const TYPES = ['lead', 'conversion', 'fan', 'flash', 'repurchase', 'other'] as const;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The member filter as form fields; every change gives the whole filter back. */
export const FilterForm = ({ value, onChange }: { value: MemberFilter; onChange: (f: MemberFilter) => void }) => {
  const t = useT(segmentsMessages);
  const communityId = useCommunityId();
  const tags = useQuery({
    queryKey: ['community', communityId, 'tags'],
    queryFn: () => api<{ items: { tag: string; members: number }[] }>(`/communities/${communityId}/tags`),
  });
  const groups = useQuery({
    queryKey: ['community', communityId, 'groups', 'options'],
    queryFn: () => api<{ items: Group[] }>(`/communities/${communityId}/groups`),
  });
  const tagOptions = (tags.data?.items ?? []).map((x) => ({ value: x.tag, label: `${x.tag} (${x.members})` }));
  const set = (patch: Partial<MemberFilter>) => onChange({ ...value, ...patch });
  const tagSelect = (key: 'tagsAny' | 'tagsAll' | 'tagsNone') => (
    <Select
      mode="tags"
      allowClear
      value={value[key] ?? []}
      options={tagOptions}
      onChange={(v: string[]) => set({ [key]: v })}
      data-testid={`filter-${key}`}
    />
  );
  return (
    <Form layout="vertical" size="small" data-testid="segment-filter">
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={t('layers')}>
            <Checkbox.Group
              value={value.layers ?? []}
              onChange={(v) => set({ layers: v as MemberFilter['layers'] })}
              options={LAYERS.map((l) => ({ value: l, label: t(`layer${cap(l)}` as 'layerActive') }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('loyaltyLayers')}>
            <Checkbox.Group
              value={value.loyaltyLayers ?? []}
              onChange={(v) => set({ loyaltyLayers: v as MemberFilter['loyaltyLayers'] })}
              options={LOYALTY.map((l) => ({ value: l, label: t(`loyalty${cap(l)}` as 'loyaltyLoyal') }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('search')}>
            <Input value={value.q ?? ''} allowClear onChange={(e) => set({ q: e.target.value })} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('tagsAny')}>{tagSelect('tagsAny')}</Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('tagsAll')}>{tagSelect('tagsAll')}</Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('tagsNone')}>{tagSelect('tagsNone')}</Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('activity')}>
            <Space.Compact>
              <InputNumber
                min={1}
                max={3660}
                precision={0}
                placeholder={t('activityDays')}
                value={value.activity?.days ?? null}
                onChange={(days) =>
                  set({
                    activity: days === null ? undefined : { days, minMessages: value.activity?.minMessages ?? 1 },
                  } as Partial<MemberFilter>)
                }
              />
              <InputNumber
                min={0}
                precision={0}
                placeholder={t('activityMessages')}
                value={value.activity?.minMessages ?? null}
                disabled={!value.activity}
                onChange={(n) => value.activity && set({ activity: { ...value.activity, minMessages: n ?? 0 } })}
              />
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('lastActiveFrom')}>
            <Input
              type="date"
              value={value.lastActiveFrom ?? ''}
              onChange={(e) => set({ lastActiveFrom: e.target.value || undefined } as Partial<MemberFilter>)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('lastActiveBefore')}>
            <Input
              type="date"
              value={value.lastActiveBefore ?? ''}
              onChange={(e) => set({ lastActiveBefore: e.target.value || undefined } as Partial<MemberFilter>)}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('points')}>
            <Space.Compact>
              <InputNumber
                precision={0}
                placeholder={t('pointsMin')}
                value={value.pointsMin ?? null}
                onChange={(n) => set({ pointsMin: n ?? undefined } as Partial<MemberFilter>)}
              />
              <InputNumber
                precision={0}
                placeholder={t('pointsMax')}
                value={value.pointsMax ?? null}
                onChange={(n) => set({ pointsMax: n ?? undefined } as Partial<MemberFilter>)}
              />
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('joined')}>
            <Space.Compact>
              <Input
                type="date"
                value={value.joinedFrom ?? ''}
                onChange={(e) => set({ joinedFrom: e.target.value || undefined } as Partial<MemberFilter>)}
              />
              <Input
                type="date"
                value={value.joinedTo ?? ''}
                onChange={(e) => set({ joinedTo: e.target.value || undefined } as Partial<MemberFilter>)}
              />
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('groups')}>
            <Select
              mode="multiple"
              allowClear
              value={value.groupIds ?? []}
              loading={groups.isPending}
              optionFilterProp="label"
              options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
              onChange={(v: number[]) => set({ groupIds: v })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('groupTypes')}>
            <Select
              mode="multiple"
              allowClear
              value={value.groupTypes ?? []}
              options={TYPES.map((k) => ({ value: k, label: t(`type${cap(k)}` as 'typeLead') }))}
              onChange={(v: string[]) => set({ groupTypes: v })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('platforms')}>
            <Select
              mode="tags"
              allowClear
              value={value.platforms ?? []}
              options={['telegram', 'wechat', 'sandbox', 'irc'].map((p) => ({ value: p, label: p }))}
              onChange={(v: string[]) => set({ platforms: v })}
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
};
