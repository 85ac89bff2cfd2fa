import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, TorgConfig } from './platform/config/config';
import { seedDemo } from './seed/demo-seed';

/** Builds the Nest application (shared by main, the CLI and the tests). */
export async function createApp(config: TorgConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useBodyParser('json', { limit: '1mb' });
  return app;
}

async function main() {
  let config: TorgConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await createApp(config);
  if (config.seedDemo) await seedDemo(app);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  app.get(Logger).log(`Torg is ready: GraphQL at ${url.replace('[::1]', 'localhost')}/graphql (engine: ${config.searchEngine}, database: ${config.databaseUrl ? 'external' : 'embedded in ' + config.dataDir})`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
