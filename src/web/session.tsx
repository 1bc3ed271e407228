import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TSessionResponse, TSessionUser } from '../shared/auth.js';
import { api, ApiError, onSessionLost, setCsrfToken } from './api.js';
import { switchLanguage } from './i18n.js';

/** Why the sign-in page is shown: the session ran out, or a protected page was opened while signed out. */
export type SignInReason = 'expired' | 'required' | 'signed_out' | 'password_reset' | null;

interface SessionValue {
  status: 'loading' | 'ready' | 'error';
  user: TSessionUser | null;
  demo: boolean;
  /** Re-reads the session (after sign-in, two-factor, profile changes). */
  refresh: () => Promise<TSessionUser | null>;
  /** Forget the session locally (after sign-out or when it expired) and say why. */
  signedOut: (reason: SignInReason) => void;
  reason: SignInReason;
  clearReason: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);
// A marker (no personal data) that someone was signed in in this browser: tells "expired" from "never signed in".
const MARK = 'naast.hadSession';

function mark(on: boolean) {
  try {
    if (on) sessionStorage.setItem(MARK, '1');
    else sessionStorage.removeItem(MARK);
  } catch {
    /* storage blocked */
  }
}
function marked(): boolean {
  try {
    return sessionStorage.getItem(MARK) === '1';
  } catch {
    return false;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionValue['status']>('loading');
  const [session, setSession] = useState<TSessionResponse>({ user: null, csrfToken: null, demo: false });
  const [reason, setReason] = useState<SignInReason>(null);

  const apply = useCallback((s: TSessionResponse) => {
    setCsrfToken(s.csrfToken);
    setSession(s);
    setStatus('ready');
    if (s.user) {
      mark(true);
      void switchLanguage(s.user.language);
    }
  }, []);

  const refresh = useCallback(async () => {
    try {
      const s = await api<TSessionResponse>('GET', '/auth/session');
      apply(s);
      return s.user;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        apply({ user: null, csrfToken: null, demo: session.demo });
        return null;
      }
      setStatus((st) => (st === 'loading' ? 'error' : st));
      throw err;
    }
  }, [apply, session.demo]);

  const signedOut = useCallback((why: SignInReason) => {
    mark(false);
    setReason(why);
    setCsrfToken(null);
    // Signed out there is no token at all: public forms need none (the server checks it per session).
    setSession((s) => ({ ...s, user: null, csrfToken: null }));
  }, []);

  useEffect(() => {
    let cancelled = false;
    api<TSessionResponse>('GET', '/auth/session').then(
      (s) => {
        if (cancelled) return;
        if (!s.user && marked()) {
          mark(false);
          setReason('expired');
        }
        apply(s);
      },
      () => {
        if (!cancelled) setStatus('error');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [apply]);

  useEffect(() => {
    onSessionLost(() => signedOut('expired'));
    return () => onSessionLost(null);
  }, [signedOut]);

  const value = useMemo<SessionValue>(
    () => ({ status, user: session.user, demo: session.demo, refresh, signedOut, reason, clearReason: () => setReason(null) }),
    [status, session, refresh, signedOut, reason],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** Where a signed-in user must go before anything else, or null when fully signed in. */
export function pendingStep(user: TSessionUser): '/sign-in/enrol' | '/sign-in/code' | null {
  if (user.mfaPassed) return null;
  if (!user.mfaEnrolled && user.mfaRequired) return '/sign-in/enrol';
  return '/sign-in/code';
}
