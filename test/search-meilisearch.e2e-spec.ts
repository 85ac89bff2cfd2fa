import { MeilisearchEngine } from '../src/search/engines/meilisearch.engine';
import { ProductSearch } from '../src/search/product-search';
import { searchContract } from './support/search-contract';

/**
 * The same contract against a real Meilisearch server. No server can run on the development
 * machines, so this runs only where MEILI_HOST points at one (docker compose up provides it).
 * Each run searches an index of its own (MEILI_INDEX), deleted at its end.
 */
const host = process.env.MEILI_HOST;
if (!host) {
  console.warn('SKIPPED: Meilisearch contract tests need MEILI_HOST and MEILI_API_KEY (a Meilisearch on 127.0.0.1:7700: see README, Production-like).');
  describe.skip('search contract: Meilisearch engine (set MEILI_HOST to run)', () => it('needs MEILI_HOST', () => undefined));
} else {
  const index = `torg_contract_${process.pid}_${Date.now()}`;
  describe('search contract: Meilisearch engine', () =>
    searchContract(
      'meilisearch',
      { SEARCH_ENGINE: 'meilisearch', MEILI_HOST: host, MEILI_INDEX: index, ...(process.env.MEILI_API_KEY ? { MEILI_API_KEY: process.env.MEILI_API_KEY } : {}) },
      { beforeClose: (t) => t.app.get<ProductSearch, MeilisearchEngine>(ProductSearch).deleteIndex() },
    ));
}
