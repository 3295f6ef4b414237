import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Spin,
  Switch,
  Tooltip,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.js';
import type { Community, ImportJob } from '../api/types.js';
import { useCommunityId, useSession } from '../auth/session.js';
import { common, roleKey } from '../i18n/common.js';
import { useT } from '../i18n/index.js';
import { messages } from './import/import.messages.js';
import { formatBytes, JobView, summaryOf } from './import/job-view.js';
import { importsKey, RecentImports } from './import/recent-imports.js';
import { isTimeZone, TimezoneInput } from './settings/timezone-input.js';

const FORMATS = [
  ['telegram', 'fmtTelegram'],
  ['discord-json', 'fmtDiscordJson'],
  ['discord-csv', 'fmtDiscordCsv'],
  ['slack', 'fmtSlack'],
  ['irc', 'fmtIrc'],
  ['qq', 'fmtQq'],
  ['wechat', 'fmtWechat'],
  ['jsonl', 'fmtJsonl'],
  ['csv', 'fmtCsv'],
] as const;

type Values = { format: string; tz: string; group?: string; map?: string; skipInvalid: boolean; dryRun: boolean };

const ImportPage = () => {
  const t = useT(messages);
  const c = useT(common);
  const communityId = useCommunityId();
  const session = useSession();
  const admin = session.can('admin');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const format = Form.useWatch('format', form);
  const dryRun = Form.useWatch('dryRun', form);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const file = fileList[0]?.originFileObj ?? null;
  const [jobId, setJobId] = useState<string | null>(null);
  // Jobs started from this page: only their end refreshes the community's data.
  const startedHere = useRef(new Set<string>());

  const community = useQuery({
    queryKey: ['community', communityId, 'info'],
    queryFn: () => api<Community>(`/communities/${communityId}`),
  });
  // The community's zone is the default for times without an offset, until the operator changes it.
  useEffect(() => {
    if (community.data && !form.isFieldTouched('tz')) form.setFieldValue('tz', community.data.timezone);
  }, [community.data, form]);

  const upload = useMutation({
    mutationFn: ({ file, values }: { file: File; values: Values }) =>
      api<ImportJob>(`/communities/${communityId}/imports`, {
        raw: file,
        query: {
          fileName: file.name,
          format: values.format === 'auto' ? undefined : values.format,
          tz: values.tz.trim(),
          group: values.group?.trim() || undefined,
          map: values.format === 'csv' ? values.map?.trim() || undefined : undefined,
          skipInvalid: values.skipInvalid ? 'true' : undefined,
          dryRun: values.dryRun ? 'true' : undefined,
        },
      }),
    onMutate: () => setJobId(null),
    onSuccess: (job) => {
      startedHere.current.add(job.id);
      queryClient.setQueryData([...importsKey(communityId), job.id], job);
      setJobId(job.id);
      void queryClient.invalidateQueries({ queryKey: [...importsKey(communityId), 'list'] });
    },
  });

  const job = useQuery({
    queryKey: [...importsKey(communityId), jobId],
    queryFn: () => api<ImportJob>(`/communities/${communityId}/imports/${jobId}`),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 1000 : false),
  });

  const finished = job.data && job.data.state !== 'running' ? job.data : null;
  useEffect(() => {
    if (!finished || !startedHere.current.has(finished.id)) return;
    startedHere.current.delete(finished.id);
    void queryClient.invalidateQueries({ queryKey: [...importsKey(communityId), 'list'] });
    if (finished.state === 'done' && !summaryOf(finished)?.dryRun) {
      // New events change every count and chart of the community.
      void queryClient.invalidateQueries({
        queryKey: ['community', communityId],
        predicate: (q) => q.queryKey[2] !== 'imports',
      });
    }
  }, [finished, communityId, queryClient]);

  const submit = (values: Values) => {
    if (file) upload.mutate({ file, values });
  };

  const needsAdmin = admin ? null : c('needsRole', { role: c(roleKey.admin) });
  const submitButton = (
    <Button
      type="primary"
      htmlType="submit"
      block
      loading={upload.isPending}
      disabled={!admin || !file}
      data-testid="import-submit"
    >
      {dryRun ? t('submitDry') : t('submit')}
    </Button>
  );

  return (
    <>
      <Typography.Title level={3} className="page-title">
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xxl={8}>
          <Card title={t('newImport')}>
            {needsAdmin && <Alert type="info" showIcon title={needsAdmin} style={{ marginBottom: 16 }} />}
            <Form<Values>
              form={form}
              layout="vertical"
              disabled={!admin || upload.isPending}
              initialValues={{ format: 'auto', tz: 'UTC', skipInvalid: false, dryRun: false }}
              onFinish={submit}
              data-testid="import-form"
            >
              <Form.Item label={t('file')} required>
                <Upload.Dragger
                  data-testid="import-file-input"
                  fileList={fileList}
                  maxCount={1}
                  beforeUpload={() => false}
                  onChange={({ fileList: next }) => setFileList(next.slice(-1))}
                >
                  <p className="ant-upload-text">{t('dropHint')}</p>
                  <p className="ant-upload-hint">
                    {file ? `${file.name} · ${formatBytes(file.size)}` : t('dropDetail')}
                  </p>
                </Upload.Dragger>
              </Form.Item>
              <Form.Item
                name="format"
                label={t('format')}
                extra={format === 'csv' ? t('formatCsvHint') : t('formatHint')}
              >
                <Select
                  data-testid="import-format"
                  options={[
                    { value: 'auto', label: t('auto') },
                    ...FORMATS.map(([value, key]) => ({ value, label: t(key) })),
                  ]}
                />
              </Form.Item>
              {format === 'csv' && (
                <Form.Item
                  name="map"
                  label={t('map')}
                  rules={[{ required: true, pattern: /(^|,)\s*user\s*=.+/, message: t('mapRequired') }]}
                >
                  <Input data-testid="import-map" placeholder="user=AuthorID,name=Author,at=Date,text=Content" />
                </Form.Item>
              )}
              <Form.Item
                name="tz"
                label={t('tz')}
                extra={t('tzHint')}
                rules={[
                  { required: true, message: t('tzInvalid') },
                  {
                    validator: async (_, v: string) =>
                      isTimeZone(v?.trim() ?? '') ? undefined : Promise.reject(new Error(t('tzInvalid'))),
                  },
                ]}
              >
                <TimezoneInput testId="import-tz" />
              </Form.Item>
              <Form.Item name="group" label={t('group')} extra={t('groupHint')}>
                <Input maxLength={200} placeholder={t('groupPlaceholder')} data-testid="import-group" allowClear />
              </Form.Item>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name="skipInvalid"
                    label={t('skipInvalid')}
                    extra={t('skipInvalidHint')}
                    valuePropName="checked"
                  >
                    <Switch data-testid="import-skip-invalid" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="dryRun" label={t('dryRun')} extra={t('dryRunHint')} valuePropName="checked">
                    <Switch data-testid="import-dry-run" />
                  </Form.Item>
                </Col>
              </Row>
              {needsAdmin ? (
                <Tooltip title={needsAdmin}>
                  <span style={{ display: 'block' }}>{submitButton}</span>
                </Tooltip>
              ) : file ? (
                submitButton
              ) : (
                <Tooltip title={t('chooseFile')}>
                  <span style={{ display: 'block' }}>{submitButton}</span>
                </Tooltip>
              )}
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14} xxl={16}>
          <Card title={t('job')} data-testid="import-job">
            {upload.isPending && file ? (
              <Spin description={t('uploading', { file: file.name, size: formatBytes(file.size) })}>
                <div style={{ height: 120 }} />
              </Spin>
            ) : upload.isError ? (
              <Alert
                type="error"
                showIcon
                title={<span data-testid="import-error">{t('uploadFailed', { message: upload.error.message })}</span>}
              />
            ) : job.data ? (
              <JobView job={job.data} />
            ) : job.isError ? (
              <Alert type="error" showIcon title={c('loadFailed', { message: job.error.message })} />
            ) : (
              <Empty description={t('noJob')} />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <RecentImports
            communityId={communityId}
            onShow={(j) => {
              queryClient.setQueryData([...importsKey(communityId), j.id], j);
              setJobId(j.id);
              window.scrollTo({ top: 0, behavior: 'smooth' });
            }}
          />
        </Col>
      </Row>
    </>
  );
};

export default ImportPage;
