/** What Torg tells the web app before sign-in (GET /web-config.json, src/platform/web/web-config.controller.ts). */
export interface WebConfig {
  devLogin: boolean;
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

export async function loadWebConfig(fetchImpl: typeof fetch = fetch): Promise<WebConfig> {
  const res = await fetchImpl('/web-config.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /web-config.json answered ${res.status}`);
  return (await res.json()) as WebConfig;
}
