import { Injectable, OnModuleInit } from '@nestjs/common';
import { HealthChecks } from '../platform/health/health-checks';
import { ProductSearch } from './product-search';

/** Puts the search engine's health on /health (its downtime degrades search only). */
@Injectable()
export class SearchHealth implements OnModuleInit {
  constructor(
    private readonly checks: HealthChecks,
    private readonly search: ProductSearch,
  ) {}

  onModuleInit() {
    this.checks.register({
      name: 'search',
      // The postgres engine asks through the pool; Meilisearch over HTTP.
      usesPool: this.search.engine === 'postgres',
      facts: { engine: this.search.engine },
      run: () => this.search.health(),
    });
  }
}
