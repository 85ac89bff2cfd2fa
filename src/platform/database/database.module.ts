import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TORG_CONFIG, TorgConfig } from '../config/config';
import { createDataSource, EntityList } from './data-source';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';

export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');
const ENTITIES = Symbol('ENTITIES');

const PROVIDERS: Provider[] = [
  {
    provide: EMBEDDED_DATABASE,
    inject: [TORG_CONFIG],
    useFactory: async (config: TorgConfig): Promise<EmbeddedDatabase | null> => {
      if (config.databaseUrl) return null;
      const logger = new Logger('Database');
      return startEmbeddedDatabase(config.dataDir, config.embeddedPgPort, (m) => logger.log(m));
    },
  },
  {
    provide: DataSource,
    inject: [TORG_CONFIG, EMBEDDED_DATABASE, ENTITIES],
    useFactory: async (config: TorgConfig, embedded: EmbeddedDatabase | null, entities: EntityList) => {
      const url = config.databaseUrl ?? embedded!.url;
      // Migrations run on a connection of their own, without the pool's timeouts: rewriting a
      // large table may take longer than any request should.
      const migrator = createDataSource(url, 1);
      await migrator.initialize();
      try {
        await migrator.runMigrations({ transaction: 'each' });
      } finally {
        await migrator.destroy();
      }
      const ds = createDataSource(url, config.databasePoolSize, config.databaseTimeouts, entities);
      await ds.initialize();
      return ds;
    },
  },
];

/**
 * Provides the DataSource. Without DATABASE_URL an embedded PostgreSQL is started first; the
 * schema is brought up to date by the migrations at boot. The entities come from the caller
 * (`forRoot`): each domain module lists its own and platform knows none of them.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly ds: DataSource,
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedDatabase | null,
  ) {}

  static forRoot(entities: EntityList): DynamicModule {
    return { module: DatabaseModule, providers: [{ provide: ENTITIES, useValue: entities }, ...PROVIDERS], exports: [DataSource] };
  }

  async onApplicationShutdown() {
    if (this.ds.isInitialized) await this.ds.destroy();
    if (this.embedded) await this.embedded.stop();
  }
}
