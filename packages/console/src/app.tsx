import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Spin } from 'antd';
import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/client.js';
import { SessionProvider, useSession } from './auth/session.js';
import { LanguageProvider } from './i18n/index.js';
import { Shell } from './layout/shell.js';
import { LoginPage, SetupPage } from './pages/login.js';

// Every page is its own chunk: the first load carries only the shell and the login.
const OverviewPage = lazy(() => import('./pages/overview.js'));
const GroupsPage = lazy(() => import('./pages/groups.js'));
const GroupPage = lazy(() => import('./pages/group.js'));
const PlaysPage = lazy(() => import('./pages/plays.js'));
const MembersPage = lazy(() => import('./pages/members.js'));
const MemberPage = lazy(() => import('./pages/member.js'));
const EngagementPage = lazy(() => import('./pages/engagement.js'));
const CampaignsPage = lazy(() => import('./pages/campaigns.js'));
const LiveCodesPage = lazy(() => import('./pages/live-codes.js'));
const SegmentsPage = lazy(() => import('./pages/segments.js'));
const ImportPage = lazy(() => import('./pages/import.js'));
const ModerationPage = lazy(() => import('./pages/moderation.js'));
const SandboxPage = lazy(() => import('./pages/sandbox.js'));
const SettingsPage = lazy(() => import('./pages/settings.js'));
const OutboxPage = lazy(() => import('./pages/outbox.js'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

const Routed = () => {
  const session = useSession();
  if (session.status === 'loading') {
    return (
      <div className="auth-page">
        <Spin size="large" />
      </div>
    );
  }
  if (session.status === 'setup') {
    return (
      <Routes>
        <Route path="*" element={<SetupPage />} />
      </Routes>
    );
  }
  if (session.status === 'anonymous') {
    return (
      <Routes>
        <Route path="*" element={<LoginPage />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<OverviewPage />} />
        <Route path="groups" element={<GroupsPage />} />
        <Route path="groups/:groupId" element={<GroupPage />} />
        <Route path="groups/:groupId/plays" element={<PlaysPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="members/:memberId" element={<MemberPage />} />
        <Route path="engagement" element={<EngagementPage />} />
        <Route path="campaigns" element={<CampaignsPage />} />
        <Route path="campaigns/:campaignId" element={<CampaignsPage />} />
        <Route path="live-codes" element={<LiveCodesPage />} />
        <Route path="segments" element={<SegmentsPage />} />
        <Route path="moderation" element={<ModerationPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="sandbox" element={<SandboxPage />} />
        <Route path="sandbox/:groupId" element={<SandboxPage />} />
        <Route path="outbox" element={<OutboxPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="setup" element={<Navigate to="/" replace />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
};

export const App = () => (
  <QueryClientProvider client={queryClient}>
    <LanguageProvider>
      <BrowserRouter>
        <SessionProvider>
          <Routed />
        </SessionProvider>
      </BrowserRouter>
    </LanguageProvider>
  </QueryClientProvider>
);
