import { createContext, Suspense, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionUser } from '../../../shared/features/accounts/contract';
import { api, isServerMode, setCsrfToken, setSessionLostHandler } from '../../api/client';
import { Loading } from '../../components/Page';
import { lazyPage } from '../../app/lazyPage';

// Only the network's server asks for a login: its form (and the form libraries) load when shown.
const LoginPage = lazyPage(() => import('./LoginPage'), 'LoginPage');
const InvitationPage = lazyPage(() => import('./LoginPage'), 'InvitationPage');

export interface Session {
  /** True against the network's server; false on the desktop and in web mode (no login there). */
  serverMode: boolean;
  user: SessionUser | null;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session>({ serverMode: false, user: null, logout: async () => {} });

export function useSession(): Session {
  return useContext(SessionContext);
}

const INVITATION_ROUTE = /^#\/invitation\/([A-Za-z0-9_-]+)$/;

/**
 * On the server, nothing of the app is shown before a session: the login page, or the
 * invitation page when the address is an invitation link. Elsewhere it renders the app as is.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const serverMode = isServerMode();
  const [state, setState] = useState<'loading' | 'anonymous' | 'in'>(serverMode ? 'loading' : 'in');
  const [user, setUser] = useState<SessionUser | null>(null);
  // Set when a call finds the session gone: the login page then says why it is back.
  const [lost, setLost] = useState(false);

  useEffect(() => {
    if (!serverMode) return;
    setSessionLostHandler(() => {
      setCsrfToken(null);
      setUser(null);
      setLost(true);
      setState('anonymous');
    });
    api
      .call('auth.me', {})
      .then((me) => {
        setCsrfToken(me.csrfToken);
        setUser(me.user);
        setState(me.user ? 'in' : 'anonymous');
      })
      .catch(() => setState('anonymous'));
    return () => setSessionLostHandler(null);
  }, [serverMode]);

  const loggedIn = useCallback((next: { csrfToken: string; user: SessionUser }) => {
    setCsrfToken(next.csrfToken);
    setUser(next.user);
    setLost(false);
    setState('in');
    if (INVITATION_ROUTE.test(window.location.hash)) window.location.hash = '#/accueil';
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.call('auth.logout', {});
    } finally {
      setCsrfToken(null);
      setUser(null);
      setState('anonymous');
      window.location.hash = '#/accueil';
    }
  }, []);

  if (state === 'loading') return <Loading />;
  if (state === 'anonymous') {
    const invitation = INVITATION_ROUTE.exec(window.location.hash)?.[1];
    return (
      <Suspense fallback={<Loading />}>
        {invitation ? <InvitationPage token={invitation} onDone={loggedIn} /> : <LoginPage onDone={loggedIn} sessionLost={lost} />}
      </Suspense>
    );
  }
  return <SessionContext.Provider value={{ serverMode, user, logout }}>{children}</SessionContext.Provider>;
}
