import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client.js';
import type { Me } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { common } from '../i18n/common.js';
import { type Messages, useT } from '../i18n/index.js';
import { LanguageSwitch } from '../layout/language-switch.js';

const messages: Messages<
  | 'login'
  | 'email'
  | 'password'
  | 'submit'
  | 'setupTitle'
  | 'setupHint'
  | 'token'
  | 'name'
  | 'create'
  | 'passwordRule'
  | 'failed'
> = {
  'zh-CN': {
    login: '登录',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    setupTitle: '创建群主账号',
    setupHint: '首次启动：使用启动时打印的一次性链接创建群主（所有者）账号。',
    token: '一次性设置令牌',
    name: '名字',
    create: '创建并登录',
    passwordRule: '至少 10 个字符',
    failed: '失败：{message}',
  },
  en: {
    login: 'Log in',
    email: 'Email',
    password: 'Password',
    submit: 'Log in',
    setupTitle: 'Create the owner account',
    setupHint: 'First start: create the owner account with the one-time link printed at start.',
    token: 'One-time setup token',
    name: 'Name',
    create: 'Create and log in',
    passwordRule: 'At least 10 characters',
    failed: 'Failed: {message}',
  },
};

const Frame = ({ title, children }: { title: string; children: React.ReactNode }) => {
  const c = useT(common);
  return (
    <div className="auth-page">
      <Card style={{ width: 400 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {c('appName')} · {title}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        {children}
      </Card>
    </div>
  );
};

export const LoginPage = () => {
  const t = useT(messages);
  const c = useT(common);
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      session.signedIn(await api<Me>('/auth/login', { body: values }));
    } catch (e) {
      setError(t('failed', { message: e instanceof ApiError ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Frame title={t('login')}>
      {session.notice === 'expired' && (
        <Alert type="warning" showIcon title={c('sessionExpired')} style={{ marginBottom: 16 }} />
      )}
      <Form layout="vertical" onFinish={submit} data-testid="login-form">
        <Form.Item name="email" label={t('email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="username" data-testid="login-email" />
        </Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('submit')}
        </Button>
      </Form>
    </Frame>
  );
};

export const SetupPage = () => {
  const t = useT(messages);
  const session = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { token: string; email: string; password: string; name?: string }) => {
    setBusy(true);
    setError(null);
    try {
      session.signedIn(await api<Me>('/auth/setup', { body: values }));
      window.history.replaceState(null, '', '/');
    } catch (e) {
      setError(t('failed', { message: e instanceof ApiError ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Frame title={t('setupTitle')}>
      <Typography.Paragraph type="secondary">{t('setupHint')}</Typography.Paragraph>
      <Form
        layout="vertical"
        onFinish={submit}
        initialValues={{ token: params.get('token') ?? '' }}
        data-testid="setup-form"
      >
        <Form.Item name="token" label={t('token')} rules={[{ required: true }]}>
          <Input data-testid="setup-token" />
        </Form.Item>
        <Form.Item name="email" label={t('email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="username" data-testid="setup-email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password')}
          extra={t('passwordRule')}
          rules={[{ required: true, min: 10 }]}
        >
          <Input.Password autoComplete="new-password" data-testid="setup-password" />
        </Form.Item>
        <Form.Item name="name" label={t('name')}>
          <Input data-testid="setup-name" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
          {t('create')}
        </Button>
      </Form>
    </Frame>
  );
};
