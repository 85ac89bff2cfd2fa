import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working defaults for development', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.searchEngine).toBe('postgres');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\.data$/);
    expect(c.seedDemo).toBe(true);
    expect(c.rateLimitPerMinute).toBe(600);
    expect(c.databasePoolSize).toBe(10);
    expect(c.databaseTimeouts).toEqual({ statementMs: 30_000, lockMs: 5_000, idleInTransactionMs: 60_000, acquireMs: 10_000, bulkStatementMs: 600_000 });
    expect(c.uploadConcurrency).toBe(2);
    expect(c.uploadConcurrencyPerSupplier).toBe(2);
  });

  it('keeps uploads to at most half the pool', () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: '40' }).uploadConcurrency).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '2' }).uploadConcurrency).toBe(1);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '4', UPLOAD_CONCURRENCY: '3' })).toThrow('UPLOAD_CONCURRENCY="3": must be a whole number from 1 to 2');
    expect(() => loadConfig({ DATABASE_ACQUIRE_TIMEOUT_MS: '0' })).toThrow('DATABASE_ACQUIRE_TIMEOUT_MS="0": must be a whole number from 100');
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: '0' }).databaseTimeouts.statementMs).toBe(0);
  });

  it('chooses meilisearch when MEILI_HOST is set', () => {
    expect(loadConfig({ MEILI_HOST: 'http://localhost:7700' }).searchEngine).toBe('meilisearch');
  });

  it('searches the Meilisearch index named by MEILI_INDEX (torg_items by default), refusing a name Meilisearch would', () => {
    expect(loadConfig({}).meiliIndex).toBe('torg_items');
    expect(loadConfig({ MEILI_INDEX: 'torg_contract_12_34' }).meiliIndex).toBe('torg_contract_12_34');
    expect(() => loadConfig({ MEILI_INDEX: 'torg items' })).toThrow('MEILI_INDEX="torg items": only letters, digits, - and _ (at most 400)');
  });

  it('names every bad variable and why', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEARCH_ENGINE: 'elastic', SEED_DEMO: 'maybe', RATE_LIMIT_PER_MINUTE: '-1', DATABASE_POOL_SIZE: '1' });
      throw new Error('expected ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const text = (e as ConfigError).message;
      expect(text).toContain('PORT="abc"');
      expect(text).toContain('DATABASE_URL');
      expect(text).toContain('SEARCH_ENGINE="elastic"');
      expect(text).toContain('SEED_DEMO="maybe"');
      expect(text).toContain('RATE_LIMIT_PER_MINUTE="-1": must be a whole number from 0');
      expect(text).toContain('DATABASE_POOL_SIZE="1": must be a whole number from 2');
    }
  });

  it('refuses production without OIDC and an external database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OIDC_ISSUER: required in production/);
  });

  it('lets /metrics be read from loopback and private ranges by default, and takes a list, none, and a token', () => {
    expect(loadConfig({}).metricsAllow).toEqual(['127.0.0.0/8', '::1', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']);
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_ALLOW: ' 127.0.0.1, 2001:db8::/32 ' }).metricsAllow).toEqual(['127.0.0.1', '2001:db8::/32']);
    expect(loadConfig({ METRICS_ALLOW: 'none', METRICS_TOKEN: 'a-long-enough-token' })).toMatchObject({ metricsAllow: [], metricsToken: 'a-long-enough-token' });
    expect(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/8,prometheus' })).toThrow('METRICS_ALLOW: "prometheus" is not an IP address or CIDR range');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN: must be at least 16 characters');
  });

  describe('devLogin exists only in an explicit development run on the embedded database, or in tests, never with OIDC', () => {
    const oidc = { OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URI: 'https://idp.example/jwks', OIDC_AUDIENCE: 'torg' };
    it.each([
      ['no NODE_ENV (development by default, but not said)', {}, false],
      ['NODE_ENV=development on the embedded database', { NODE_ENV: 'development' }, true],
      ['NODE_ENV=development with DATABASE_URL', { NODE_ENV: 'development', DATABASE_URL: 'postgres://u:p@db/torg' }, false],
      ['NODE_ENV=development with OIDC', { NODE_ENV: 'development', ...oidc }, false],
      ['NODE_ENV=test with DATABASE_URL', { NODE_ENV: 'test', DATABASE_URL: 'postgres://u:p@db/torg' }, true],
      ['NODE_ENV=test with OIDC', { NODE_ENV: 'test', ...oidc }, false],
      ['production', { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/torg', ...oidc }, false],
    ])('%s: %s', (_what, env, expected) => {
      const c = loadConfig(env);
      expect(c.devLogin).toBe(expected);
      // The demo operator is an operator only where devLogin hands out demo users anyway.
      expect(c.platformOperators).toEqual(expected ? ['operator@torg.example'] : []);
    });
    it('keeps the development defaults otherwise when NODE_ENV is not set', () => {
      expect(loadConfig({}).env).toBe('development');
    });
  });

  describe('HOST', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/torg', OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URI: 'https://idp.example/jwks', OIDC_AUDIENCE: 'torg' };
    it('listens on loopback outside production and on every interface in production', () => {
      expect(loadConfig({}).host).toBe('127.0.0.1');
      expect(loadConfig({ NODE_ENV: 'development' }).host).toBe('127.0.0.1');
      expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
      expect(loadConfig(production).host).toBe('0.0.0.0');
    });
    it('takes HOST when set, and refuses what is not an address or host name', () => {
      expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
      expect(loadConfig({ ...production, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
      expect(loadConfig({ HOST: '::' }).host).toBe('::');
      expect(loadConfig({ HOST: 'torg.internal' }).host).toBe('torg.internal');
      expect(() => loadConfig({ HOST: 'http://0.0.0.0' })).toThrow(/HOST="http:\/\/0.0.0.0": must be an IP address/);
    });
  });

  describe('OIDC', () => {
    it('requires OIDC_AUDIENCE with OIDC_ISSUER', () => {
      expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URI: 'https://idp.example/jwks' })).toThrow(/OIDC_AUDIENCE: required with OIDC_ISSUER/);
      expect(loadConfig({ OIDC_ISSUER: 'https://idp.example', OIDC_JWKS_URI: 'https://idp.example/jwks', OIDC_AUDIENCE: 'torg' }).oidc).toEqual({
        issuer: 'https://idp.example',
        jwksUri: 'https://idp.example/jwks',
        audience: 'torg',
      });
    });
  });

  describe('PLATFORM_OPERATORS', () => {
    it('reads a comma-separated list of e-mails in lower case, and may be set empty', () => {
      expect(loadConfig({ PLATFORM_OPERATORS: ' Drift@Kommune.no, ops@torg.example ,' }).platformOperators).toEqual(['drift@kommune.no', 'ops@torg.example']);
      expect(loadConfig({ NODE_ENV: 'development', PLATFORM_OPERATORS: '' }).platformOperators).toEqual([]);
    });
    it('names what is not an e-mail', () => {
      expect(() => loadConfig({ PLATFORM_OPERATORS: 'drift@kommune.no,drift' })).toThrow(/PLATFORM_OPERATORS: "drift" is not an e-mail address/);
    });
  });

  it('retries background work with back-off and parks it after OUTBOX_MAX_ATTEMPTS', () => {
    expect(loadConfig({}).outbox).toEqual({ concurrency: 2, maxAttempts: 20, retryBaseMs: 1000, retryMaxMs: 300_000, runsInBackground: true });
    expect(loadConfig({ OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_RETRY_BASE_MS: '50', OUTBOX_CONCURRENCY: '4' }).outbox).toEqual({
      concurrency: 4,
      maxAttempts: 3,
      retryBaseMs: 50,
      retryMaxMs: 300_000,
      runsInBackground: true,
    });
    expect(loadConfig({ SEARCH_INDEXER_CONCURRENCY: '3' }).outbox.concurrency).toBe(3);
    expect(loadConfig({ OUTBOX_RETRY_BASE_MS: '600000' }).outbox.retryMaxMs).toBe(600_000);
    expect(() => loadConfig({ OUTBOX_MAX_ATTEMPTS: '0' })).toThrow('OUTBOX_MAX_ATTEMPTS="0": must be a whole number from 1 to 1000');
    expect(() => loadConfig({ OUTBOX_RETRY_BASE_MS: '2000', OUTBOX_RETRY_MAX_MS: '1000' })).toThrow('OUTBOX_RETRY_MAX_MS=1000: must not be below OUTBOX_RETRY_BASE_MS (2000)');
  });
  it('keeps idempotency keys IDEMPOTENCY_TTL_HOURS (24 by default)', () => {
    expect(loadConfig({}).idempotencyTtlHours).toBe(24);
    expect(loadConfig({ IDEMPOTENCY_TTL_HOURS: '1' }).idempotencyTtlHours).toBe(1);
    expect(() => loadConfig({ IDEMPOTENCY_TTL_HOURS: '0' })).toThrow('IDEMPOTENCY_TTL_HOURS="0": must be a whole number from 1 to 720');
  });

  it('sends e-mail through SMTP_URL from SMTP_FROM, and refuses a sender that is no address', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: undefined, from: 'Torg <noreply@torg.invalid>' });
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example:465', SMTP_FROM: 'innkjop@kommune.no' }).mail).toEqual({ smtpUrl: 'smtps://u:p@mail.example:465', from: 'innkjop@kommune.no' });
    expect(loadConfig({ SMTP_FROM: 'Storby kommune <innkjop@kommune.no>' }).mail.from).toBe('Storby kommune <innkjop@kommune.no>');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow('SMTP_URL: must be a smtp: or smtps: URL');
    for (const from of ['Storby <innkjop@kommune.no', 'Storby innkjop@kommune.no', 'a@b', 'Ola, Kari <x@y.no>', 'X <x@y.no>\r\nBcc: z@y.no']) {
      expect(() => loadConfig({ SMTP_FROM: from })).toThrow('SMTP_FROM=');
    }
  });

  it('drops outbound documents into ./var/outbound unless told otherwise (tests only log them), and checks the HTTP transport has a URL', () => {
    expect(loadConfig({}).exchange).toEqual({
      documentMaxBytes: 10 * 1024 * 1024,
      transport: 'folder',
      folder: resolve('var/outbound'),
      httpUrl: undefined,
      httpToken: undefined,
      httpTimeoutMs: 30_000,
    });
    expect(loadConfig({ NODE_ENV: 'test' }).exchange.transport).toBe('log');
    const http = loadConfig({ OUTBOUND_TRANSPORT: 'http', OUTBOUND_HTTP_URL: 'https://ap.example/in', OUTBOUND_HTTP_TOKEN: 'abc', OUTBOUND_HTTP_TIMEOUT_MS: '5000', DOCUMENT_MAX_BYTES: '2048' });
    expect(http.exchange).toMatchObject({ transport: 'http', httpUrl: 'https://ap.example/in', httpToken: 'abc', httpTimeoutMs: 5000, documentMaxBytes: 2048 });
    expect(() => loadConfig({ OUTBOUND_TRANSPORT: 'http' })).toThrow('OUTBOUND_TRANSPORT=http needs OUTBOUND_HTTP_URL');
    expect(() => loadConfig({ OUTBOUND_TRANSPORT: 'ftp' })).toThrow('OUTBOUND_TRANSPORT="ftp": must be folder, http or log');
    expect(() => loadConfig({ OUTBOUND_HTTP_URL: 'ftp://ap.example' })).toThrow('OUTBOUND_HTTP_URL: must be a http: or https: URL');
    expect(() => loadConfig({ DOCUMENT_MAX_BYTES: String(64 * 1024 * 1024) })).toThrow(/DOCUMENT_MAX_BYTES="67108864": must be a whole number from 1024 to 20971520/);
  });

  it('ORDER_DOCUMENT_PROFILE: EHF Order 3.0 unless PEPPOL BIS Ordering 3 is chosen', () => {
    expect(loadConfig({}).orderDocumentProfile).toBe('ehf');
    expect(loadConfig({ ORDER_DOCUMENT_PROFILE: 'peppol-ordering' }).orderDocumentProfile).toBe('peppol-ordering');
    expect(() => loadConfig({ ORDER_DOCUMENT_PROFILE: 'peppol' })).toThrow('ORDER_DOCUMENT_PROFILE="peppol": must be ehf or peppol-ordering');
  });
});
