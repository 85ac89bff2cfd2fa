import { Agent } from 'node:http';
import { startTestApp, TestApp } from './support/test-app';

const TOKEN = 'prometheus-scrape-token-0123456789';
let t: TestApp;
beforeAll(async () => {
  // Only 127.0.0.1 may scrape without the token; 127.0.0.2 stands for any other caller.
  t = await startTestApp({ METRICS_ALLOW: '127.0.0.1/32', METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '2' });
});
afterAll(() => t?.close());

const fromElsewhere = () => t.http.get('/metrics').agent(new Agent({ localAddress: '127.0.0.2' }));

describe('/metrics access', () => {
  it('serves an allowed address without a token', async () => {
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/torg_process_resident_memory_bytes/);
  });

  it('refuses any other address without the token, and serves it with the token', async () => {
    const refused = await fromElsewhere();
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ code: 'FORBIDDEN', message: 'Metrics are served to the addresses in METRICS_ALLOW, or with the METRICS_TOKEN bearer token' });
    expect(refused.text).not.toMatch(/torg_/);

    const wrong = await fromElsewhere().set('Authorization', `Bearer ${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('UNAUTHENTICATED');

    const allowed = await fromElsewhere().set('Authorization', `Bearer ${TOKEN}`);
    expect(allowed.status).toBe(200);
    expect(allowed.text).toMatch(/torg_process_resident_memory_bytes/);
  });

  it('is never rate limited', async () => {
    for (let i = 0; i < 5; i++) expect((await fromElsewhere().set('Authorization', `Bearer ${TOKEN}`)).status).toBe(200);
  });
});
