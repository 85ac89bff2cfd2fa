import { session } from '../auth/session';

/**
 * Downloads a file Torg serves behind the bearer token (a plain link would carry no token: it is
 * never in a cookie). Fetched with the token, then saved through a temporary object URL under the
 * name the server gives. Resolves to null when done, or the HTTP status when refused.
 */
export async function downloadWithToken(path: string, fallbackName: string): Promise<number | null> {
  const token = session.get()?.token;
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) return res.status;
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
