/**
 * Who is signed in: the bearer token and the user it names. Kept in sessionStorage (this tab
 * only, gone when it closes; never a cookie, so no other origin's script can send it) and in
 * memory; sign-out clears both.
 */
import { msUntilExpiry } from './token-expiry';

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
/** Drafts of forms (useKeptDraft) live under this prefix: kept when the sign-in expires, cleared at sign-out. */
export const DRAFT_PREFIX = 'torg.draft.';

/**
 * The storage key of one draft of the signed-in user: drafts are per user, so someone else signing
 * in after an expiry in this tab does not find the last user's text in their forms.
 */
export function draftKey(key: string): string {
  return `${DRAFT_PREFIX}${current?.user.userId ?? 'anonymous'}.${key}`;
}
type Listener = (session: Session | null) => void;

let current: Session | null = read();
/** True from an expiry until the next sign-in: the sign-in page says why the user is there. */
let expired = false;
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
    expired = false;
    if (!next) clearDrafts();
    scheduleExpiry(next);
    try {
      if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
      else sessionStorage.removeItem(KEY);
    } catch {
      // Storage refused (private mode): the session lives in memory for this page.
    }
    listeners.forEach((l) => l(next));
  },
  /** The token is no longer good (its time ran out, or the server said UNAUTHENTICATED): end the session, keep the drafts. */
  expire(): void {
    if (!current) return;
    current = null;
    expired = true;
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // Storage refused: nothing was kept there.
    }
    listeners.forEach((l) => l(null));
  },
  /** Whether the last session ended by expiry (not by signing out). */
  expired: (): boolean => expired,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Another user may sign in next in this tab: what the last one typed goes with them. */
function clearDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // No storage: no drafts.
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Ends the session when its token's time runs out (the JWT's exp), so the user is sent to sign in
 * with the reason before a request is refused; a token without exp ends when the server says so.
 */
function scheduleExpiry(next: Session | null): void {
  clearTimeout(timer);
  if (!next) return;
  const ms = msUntilExpiry(next.token, Date.now());
  if (ms === null) return;
  timer = setTimeout(() => {
    if (current?.token !== next.token) return;
    // A timer capped below a far expiry runs again; one at or past it ends the session.
    if ((msUntilExpiry(next.token, Date.now()) ?? 0) > 0) scheduleExpiry(next);
    else session.expire();
  }, ms);
}
scheduleExpiry(current);
