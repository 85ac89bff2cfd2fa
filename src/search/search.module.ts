import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { ClassificationModule } from '../classification/classification.module';
import { IdentityModule } from '../identity/identity.module';
import { TORG_CONFIG, TorgConfig } from '../platform/config/config';
import { MeilisearchEngine } from './engines/meilisearch.engine';
import { PostgresSearchEngine } from './engines/postgres-search.engine';
import { ProductSearch } from './product-search';
import { SearchHealth } from './search-health';
import { SearchIndexer } from './search-indexer';
import { SearchOutbox } from './search-outbox';
import { SearchResolver } from './search.resolver';
import { SearchService } from './search.service';
import { SearchSynonymRepository } from './synonyms/search-synonym.repository';
import { SearchSynonyms } from './synonyms/search-synonyms.service';
import { SearchSynonymsResolver } from './synonyms/search-synonyms.resolver';

/** The search port with the engine chosen by config (postgres by default, meilisearch with MEILI_HOST). */
@Global()
@Module({
  imports: [AgreementsModule, ClassificationModule, IdentityModule],
  providers: [
    {
      provide: ProductSearch,
      inject: [DataSource, TORG_CONFIG],
      useFactory: (ds: DataSource, config: TorgConfig) =>
        config.searchEngine === 'meilisearch' ? new MeilisearchEngine(ds, config.meiliHost!, config.meiliApiKey, config.meiliIndex) : new PostgresSearchEngine(ds),
    },
    SearchOutbox,
    SearchIndexer,
    SearchHealth,
    SearchService,
    SearchResolver,
    SearchSynonymRepository,
    SearchSynonyms,
    SearchSynonymsResolver,
  ],
  exports: [ProductSearch, SearchOutbox, SearchIndexer],
})
export class SearchModule {}
