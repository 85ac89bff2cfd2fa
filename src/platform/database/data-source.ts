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
    // Always plan with the actual values: the search runs as a prepared statement (see
    // prepared-query.ts), and a generic plan for it costs 200 ms instead of 27 for a common word.
    extra: { max: poolSize, application_name: 'torg', options: '-c plan_cache_mode=force_custom_plan' },
  });
}
