import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onSessionExpired, setCsrfToken } from '../api/client.js';
import type { AuthStatus, CommunityRef, Me, Role } from '../api/types.js';

const COMMUNITY_KEY = 'qunzhu.community';
const ORDER: Role[] = ['owner', 'admin', 'steward', 'viewer'];

type Session = {
  status: 'loading' | 'setup' | 'anonymous' | 'authenticated';
  me: Me | null;
  /** Why the login page is shown again (an expired session), if it is. */
  notice: 'expired' | null;
  community: CommunityRef | null;
  selectCommunity: (id: number) => void;
  /** True when the user holds at least `role` in the selected community. */
  can: (role: Role) => boolean;
  signedIn: (me: Me) => void;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<'expired' | null>(null);
  const [communityId, setCommunityId] = useState<number | null>(
    () => Number(localStorage.getItem(COMMUNITY_KEY)) || null,
  );
  // Status first: it answers without an error whether someone is logged in.
  const status = useQuery({
    queryKey: ['auth', 'status'],
    queryFn: () => api<AuthStatus>('/auth/status'),
    staleTime: Infinity,
  });
  const me = useQuery({
    queryKey: ['auth', 'me'],
    queryFn: async () => {
      const m = await api<Me>('/auth/me');
      setCsrfToken(m.csrfToken);
      return m;
    },
    enabled: status.data?.authenticated === true,
    staleTime: Infinity,
    retry: false,
  });

  useEffect(
    () =>
      onSessionExpired(() => {
        setNotice('expired');
        setCsrfToken('');
        queryClient.setQueryData(['auth', 'status'], { setupRequired: false, authenticated: false });
        queryClient.removeQueries({ queryKey: ['auth', 'me'] });
      }),
    [queryClient],
  );

  const signedIn = useCallback(
    (m: Me) => {
      setCsrfToken(m.csrfToken);
      setNotice(null);
      queryClient.setQueryData(['auth', 'me'], m);
      queryClient.setQueryData(['auth', 'status'], { setupRequired: false, authenticated: true });
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    await api('/auth/logout', { method: 'POST', body: {} }).catch(() => {});
    setCsrfToken('');
    queryClient.clear();
    queryClient.setQueryData(['auth', 'status'], { setupRequired: false, authenticated: false });
  }, [queryClient]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ['auth', 'me'] });
  }, [queryClient]);

  const value = useMemo<Session>(() => {
    const m = status.data?.authenticated ? (me.data ?? null) : null;
    const communities = m?.communities ?? [];
    const community = communities.find((c) => c.id === communityId) ?? communities[0] ?? null;
    const state: Session['status'] = status.isPending
      ? 'loading'
      : status.data?.setupRequired
        ? 'setup'
        : status.data?.authenticated
          ? me.data
            ? 'authenticated'
            : me.isError
              ? 'anonymous'
              : 'loading'
          : 'anonymous';
    return {
      status: state,
      me: m,
      notice,
      community,
      selectCommunity: (id) => {
        localStorage.setItem(COMMUNITY_KEY, String(id));
        setCommunityId(id);
      },
      can: (role) => (community ? ORDER.indexOf(community.role) <= ORDER.indexOf(role) : false),
      signedIn,
      logout,
      refresh,
    };
  }, [status.isPending, status.data, me.data, me.isError, notice, communityId, signedIn, logout, refresh]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): Session => {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
};

/** The selected community's id; pages under the shell always have one. */
export const useCommunityId = (): number => {
  const { community } = useSession();
  if (!community) throw new Error('no community selected');
  return community.id;
};
