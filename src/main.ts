import 'reflect-metadata';
import { constants as osConstants } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigError, loadConfig, TorgConfig } from './platform/config/config';
import { seedDemoActivity } from './seed/demo-activity';
import { seedDemo } from './seed/demo-seed';

/** Builds the Nest application (shared by main, the CLI and the tests). */
export async function createApp(config: TorgConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.useBodyParser('json', { limit: '1mb' });
  holdIdleConnections(app);
  return app;
}

/**
 * How long the service keeps an idle kept-alive connection open (Node closes it 1 s after this).
 * Node's default, 5 s, is shorter than the idle timeout of what usually sits in front of a service
 * (60 s for AWS's load balancers and nginx's upstream keepalive), and then the server, not the
 * client, closes an idle connection: a client or proxy that sends its next request on it just as
 * the server lets it go gets that request reset ("socket hang up") with no way to know whether it
 * was read — and a busy or starved client, whose event loop has not yet seen the server's FIN,
 * does so much more often (test/bench/README.md: the invoice-intake bench's "socket hang up"). Holding idle
 * connections longer than the clients and proxies do (Node's advice for servers behind a load
 * balancer) makes them the side that closes. Clients learn it from the `Keep-Alive: timeout=65`
 * header. headersTimeout and requestTimeout (60 s and 5 min) need no change: in Node 20 they time
 * a request being received, not an idle connection between requests.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

function holdIdleConnections(app: NestExpressApplication) {
  app.getHttpServer().keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
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
  const stopWhileStarting = exitOnSignalWhileStarting();
  let app: NestExpressApplication;
  try {
    app = await createApp(config);
  } catch {
    // Nest's ExceptionHandler has already logged why; exiting stops an embedded PostgreSQL.
    process.exit(1);
  } finally {
    stopWhileStarting();
  }
  limitShutdownTime();
  if (config.seedDemo) {
    // The demo's orders and invoices go out through the outbox, whose handlers register on init.
    await app.init();
    const world = await seedDemo(app);
    // The history is a showcase on top of a usable demo: if it fails half-way (it commits as it
    // goes, as real use would), the service still starts, and says how to seed it whole again.
    if (world)
      await seedDemoActivity(app, world).catch((e: unknown) =>
        app
          .get(Logger)
          .error(
            `the demo purchasing history was left incomplete (${e instanceof Error ? e.message : String(e)}); agreements, catalogues and users are ready. To seed everything again, stop Torg and ${config.databaseUrl ? 'empty its database' : `delete ${config.dataDir}`}.`,
          ),
      );
  }
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  app
    .get(Logger)
    .log(`Torg is ready: GraphQL at ${url.replace('[::1]', 'localhost')}/graphql (engine: ${config.searchEngine}, database: ${config.databaseUrl ? 'external' : 'embedded in ' + config.dataDir})`);
}

/** Signals a supervisor (or Ctrl-C) sends to stop the service. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_LIMIT_MS = 10_000;

/**
 * Until Nest's shutdown hooks are in place (the app is being built: the embedded PostgreSQL
 * starts, migrations run), a stop signal exits at once; process.exit lets the embedded database
 * stop its server. Returns the function that removes these handlers.
 */
function exitOnSignalWhileStarting(): () => void {
  const handler = (signal: NodeJS.Signals) => {
    console.error(`${signal} while starting: stopping`);
    process.exit(128 + (osConstants.signals[signal] ?? 0));
  };
  STOP_SIGNALS.forEach((s) => process.on(s, handler));
  return () => STOP_SIGNALS.forEach((s) => process.removeListener(s, handler));
}

/** Nest closes the app on a stop signal; should that hang, exit anyway (which stops the embedded PostgreSQL). */
function limitShutdownTime() {
  const handler = (signal: NodeJS.Signals) => {
    STOP_SIGNALS.forEach((s) => process.removeListener(s, handler));
    setTimeout(() => {
      console.error(`${signal}: the service did not close within ${SHUTDOWN_LIMIT_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
  };
  STOP_SIGNALS.forEach((s) => process.on(s, handler));
}

/** An error nothing caught: say it once and exit, so that the embedded PostgreSQL is stopped too (see embedded-database.ts). */
function exitOnFatalError(e: unknown) {
  console.error('fatal error, stopping:', e);
  process.exit(1);
}

if (require.main === module) {
  process.on('uncaughtException', exitOnFatalError);
  process.on('unhandledRejection', exitOnFatalError);
  main().catch(exitOnFatalError);
}
