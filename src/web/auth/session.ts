/**
 * Who is signed in: the bearer token and the user it names. Kept in sessionStorage (this tab
 * only, gone when it closes; never a cookie, so no other origin's script can send it) and in
 * memory; sign-out clears both.
 */
export interface SessionUser {
  userId: number;
  email: string;
  name: string;
  organisation: { id: number; name: string };
  roles: string[];
}

export interface Session {
  token: string;
  user: SessionUser;
  /** How the token was obtained: sign-out at an OIDC provider ends its session too. */
  method: 'dev' | 'oidc';
}

const KEY = 'torg.session';
type Listener = (session: Session | null) => void;

let current: Session | null = read();
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export const session = {
  get: (): Session | null => current,
  set(next: Session | null): void {
    current = next;
    try {
      if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage refused (private mode): the session lives in memory for this page.
    }
    listeners.forEach((l) => l(next));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
