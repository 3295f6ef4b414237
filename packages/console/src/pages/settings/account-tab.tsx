import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client.js';
import type { Me } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { type Messages, useT } from '../../i18n/index.js';

const messages: Messages<'intro' | 'current' | 'next' | 'rule' | 'change' | 'changed' | 'failed'> = {
  'zh-CN': {
    intro: '修改你自己的登录密码。你在其他设备上的登录会全部失效，当前这次登录保持。',
    current: '当前密码',
    next: '新密码',
    rule: '至少 10 个字符',
    change: '修改密码',
    changed: '密码已修改',
    failed: '修改失败：{message}',
  },
  en: {
    intro: 'Change your own password. Your sessions on other devices end; this one stays.',
    current: 'Current password',
    next: 'New password',
    rule: 'At least 10 characters',
    change: 'Change password',
    changed: 'Password changed',
    failed: 'Could not change it: {message}',
  },
};

/** Your own account: change the password (e.g. after an invitation with a temporary one). */
export const AccountTab = ({ notify }: { notify: (text: string) => void }) => {
  const t = useT(messages);
  const session = useSession();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      session.signedIn(await api<Me>('/auth/password', { body: values }));
      form.resetFields();
      notify(t('changed'));
    } catch (e) {
      setError(t('failed', { message: e instanceof ApiError ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 420 }}>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="settings-password-form">
        <Form.Item name="currentPassword" label={t('current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('next')} extra={t('rule')} rules={[{ required: true, min: 10 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('change')}
        </Button>
      </Form>
    </div>
  );
};
