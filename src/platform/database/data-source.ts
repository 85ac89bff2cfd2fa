import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../../migrations';

/** The one TypeORM data source: explicit entities and migrations, never `synchronize`. */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'torg_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // Typo tolerance: query words may match index words at trigram word-similarity ≥ 0.4
    // (the `<%` operator of pg_trgm reads this setting; 0.6 by default is too strict for compounds).
    extra: { max: poolSize, application_name: 'torg', options: '-c pg_trgm.word_similarity_threshold=0.4' },
  });
}
