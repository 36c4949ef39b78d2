// The signed-in shopper's tokens, kept in localStorage so a reload stays signed in. Access tokens
// live 15 minutes; `validAccessToken` trades the single-use refresh token for new ones shortly
// before that, once for all callers at a time.
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** `role` is absent in sessions saved before the back office (they see no Admin link until they sign in again). */
  user: { id: string; name: string; email?: string | null; role?: 'CUSTOMER' | 'ADMIN' };
}

const KEY = 'shopgraph.session';
const listeners = new Set<(session: Session | null) => void>();
let current: Session | null = read();
let refreshing: Promise<Session | null> | undefined;

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function sessionFromPayload(payload: { accessToken: string; refreshToken: string; expiresIn: number; user: Session['user'] }): Session {
  return { accessToken: payload.accessToken, refreshToken: payload.refreshToken, expiresAt: Date.now() + payload.expiresIn * 1000, user: payload.user };
}

/**
 * The access token to send now, refreshed when it is about to expire. `refresh` is the network call
 * (kept outside so this module needs no client); a failed refresh signs the shopper out.
 */
export async function validAccessToken(refresh: (refreshToken: string) => Promise<Session>): Promise<string | undefined> {
  const session = current;
  if (!session) return undefined;
  if (session.expiresAt - Date.now() > 30_000) return session.accessToken;
  refreshing ??= refresh(session.refreshToken)
    .then((next) => (setSession(next), next))
    .catch(() => (setSession(null), null))
    .finally(() => (refreshing = undefined));
  return (await refreshing)?.accessToken;
}
