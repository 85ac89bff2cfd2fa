import { acceptsHtml, firstSegment, serverSegments, webAnswer } from './spa-routing';

describe('the web app routing', () => {
  const reserved = serverSegments(['/orders/:id/document', '/agreements/:agreementId/catalogue', '/web-config.json', '/insights/spend.csv']);
  const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  const files = new Set(['/assets/index-abc.js', '/favicon.svg']);
  const answer = (method: string, path: string, accept?: string) => webAnswer({ method, path, accept }, reserved, (p) => files.has(p));

  it('takes the first path segment', () => {
    expect(firstSegment('/orders/1/document?x=1')).toBe('orders');
    expect(firstSegment('/')).toBe('');
    expect(firstSegment('/cart#top')).toBe('cart');
  });

  it('serves index.html to a browser for a client route or /', () => {
    expect(answer('GET', '/', html)).toBe('index');
    expect(answer('GET', '/cart', html)).toBe('index');
    expect(answer('GET', '/items/abc-123', html)).toBe('index');
    expect(answer('HEAD', '/checkout', html)).toBe('index');
  });

  it('serves the built files', () => {
    expect(answer('GET', '/assets/index-abc.js', '*/*')).toBe('file');
    expect(answer('GET', '/favicon.svg')).toBe('file');
  });

  it('never shadows the server: its routes, /graphql, the IDE, probes, other methods, non-HTML clients, missing files', () => {
    for (const path of ['/graphql', '/graphql-ide/react.js', '/health', '/metrics', '/orders/1/document', '/agreements/1/catalogue', '/web-config.json', '/insights/spend.csv']) {
      expect([path, answer('GET', path, html)]).toEqual([path, 'server']);
    }
    expect(answer('POST', '/cart', html)).toBe('server');
    expect(answer('GET', '/cart', 'application/json')).toBe('server');
    expect(answer('GET', '/assets/missing.js', html)).toBe('server');
  });

  it('reads Accept as a browser sends it', () => {
    expect(acceptsHtml(html)).toBe(true);
    expect(acceptsHtml('application/json, text/plain')).toBe(false);
    expect(acceptsHtml(undefined)).toBe(false);
  });
});
