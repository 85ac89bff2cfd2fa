import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working defaults for development', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.searchEngine).toBe('postgres');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\.data$/);
    expect(c.seedDemo).toBe(true);
  });

  it('chooses meilisearch when MEILI_HOST is set', () => {
    expect(loadConfig({ MEILI_HOST: 'http://localhost:7700' }).searchEngine).toBe('meilisearch');
  });

  it('names every bad variable and why', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SEARCH_ENGINE: 'elastic', SEED_DEMO: 'maybe' });
      throw new Error('expected ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const text = (e as ConfigError).message;
      expect(text).toContain('PORT="abc"');
      expect(text).toContain('DATABASE_URL');
      expect(text).toContain('SEARCH_ENGINE="elastic"');
      expect(text).toContain('SEED_DEMO="maybe"');
    }
  });

  it('refuses production without OIDC and an external database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OIDC_ISSUER: required in production/);
  });
});
