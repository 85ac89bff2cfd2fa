import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppModule } from './app.module';
import { ClassificationService } from './classification/classification.service';
import { ConfigError, loadConfig, TorgConfig } from './platform/config/config';
import { RequestContext } from './platform/context/request-context';
import { DataSource } from 'typeorm';
import { DomainError } from './platform/errors/domain-error';
import { findRunningEmbeddedDatabase } from './platform/database/running-server';
import { requeueDead } from './platform/outbox/requeue-dead';
import { ProductSearch } from './search/product-search';
import { seedDemo } from './seed/demo-seed';
import { bootstrapOperator } from './seed/operator-bootstrap';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  import-unspsc <file.csv|file.xlsx> [--version V]   Import the UNSPSC code set (official layout: segment,
                                                      segment title, family, family title, class, class title,
                                                      commodity, commodity title). Re-import updates titles and
                                                      keeps codes that items or agreements use.
  reindex                                             Rebuild the search index from the database.
  seed                                                Seed the demo data into an empty database.
  bootstrap-operator <email> <org-number> [--organisation-name N]
                                                      Let a platform operator (in PLATFORM_OPERATORS) sign in:
                                                      a membership without roles in the organisation that runs
                                                      Torg (registered if new, as a purchasing unit).
  outbox-retry [--topic T] [id ...]                   Re-queue background work parked as dead (all, one topic's,
                                                      or the given message ids) with a fresh set of attempts.

The database is DATABASE_URL, or the embedded one under TORG_DATA_DIR (default .data): the running
service's when it is up, else one the command starts and stops.`;

function progressBar(label: string, quiet: boolean) {
  if (quiet) return { start: () => {}, update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} {unit} | {duration_formatted}`, stream: process.stderr }, Presets.shades_classic);
  return {
    start: (total: number, unit: string) => bar.start(total, 0, { unit }),
    update: (value: number, total?: number) => {
      if (total !== undefined) bar.setTotal(total);
      bar.update(value);
    },
    stop: () => bar.stop(),
  };
}

/**
 * While the service runs on the same data directory, its embedded PostgreSQL is used (a second
 * one cannot start there); otherwise the CLI starts its own, as the service does.
 */
async function joinRunningService(config: TorgConfig): Promise<TorgConfig> {
  if (config.databaseUrl) return config;
  const running = await findRunningEmbeddedDatabase(config.dataDir);
  if (!running) return config;
  process.stderr.write(`Using the embedded PostgreSQL of the Torg running on ${config.dataDir} (pid ${running.owner}; PostgreSQL pid ${running.pid} on 127.0.0.1:${running.port}).\n`);
  return { ...config, databaseUrl: running.url };
}

/** Runs one CLI command against an application context; returns the exit code. */
export async function runCli(args: string[], config: TorgConfig, out: (line: string) => void = (l) => console.log(l), quiet = !process.stderr.isTTY): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 64;
  }
  if (!['import-unspsc', 'reindex', 'seed', 'bootstrap-operator', 'outbox-retry'].includes(command)) {
    out(`Unknown command "${command}".\n\n${USAGE}`);
    return 64;
  }
  let app: INestApplicationContext | undefined;
  try {
    // A command does its own work only (seed drains what it published); the service, running or
    // next started, picks up the rest.
    config = await joinRunningService({ ...config, outbox: { ...config.outbox, runsInBackground: false } });
    app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'], abortOnError: false });
    if (command === 'import-unspsc') {
      const versionAt = rest.indexOf('--version');
      if (versionAt >= 0 && !rest[versionAt + 1]) {
        out('--version needs a value, e.g. --version UNv26.0801');
        return 64;
      }
      // The file is the argument that is neither a flag nor the value of --version.
      const file = rest.find((a, i) => !a.startsWith('--') && (versionAt < 0 || i !== versionAt + 1));
      if (!file) {
        out('import-unspsc needs a file: npm run cli -- import-unspsc path/to/unspsc.csv');
        return 64;
      }
      if (!existsSync(file)) {
        out(`No such file: ${file}`);
        return 66;
      }
      const ext = extname(file).toLowerCase();
      if (ext !== '.csv' && ext !== '.xlsx') {
        out(`${file}: the code set must be .csv or .xlsx`);
        return 65;
      }
      const version = versionAt >= 0 ? rest[versionAt + 1] : basename(file, ext);
      const bar = progressBar('UNSPSC', quiet);
      bar.start(1, 'bytes');
      const started = Date.now();
      const ctx = new RequestContext(undefined, app.get(DataSource).manager);
      const result = await app.get(ClassificationService).importFile(ctx, file, ext === '.csv' ? 'csv' : 'xlsx', version, (read, total) => bar.update(read, total));
      bar.stop();
      out(
        `Imported ${result.nodes} UNSPSC codes (${result.commodities} commodities) as version ${result.version} in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `${result.removed} unused codes removed, ${result.deprecated} kept as deprecated because items or agreements use them.`,
      );
      return 0;
    }
    if (command === 'reindex') {
      const search = app.get(ProductSearch);
      const bar = progressBar('Reindex', quiet);
      bar.start(1, 'agreements');
      const started = Date.now();
      const items = await search.rebuild((done, total) => bar.update(done, total));
      bar.stop();
      out(`Reindexed ${items} items into the ${search.engine} engine in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      return 0;
    }
    if (command === 'outbox-retry') {
      const topicAt = rest.indexOf('--topic');
      if (topicAt >= 0 && !rest[topicAt + 1]) {
        out('--topic needs a value, e.g. --topic search.catalogue-changed');
        return 64;
      }
      const ids = rest.filter((a, i) => !a.startsWith('--') && (topicAt < 0 || i !== topicAt + 1));
      const bad = ids.find((id) => !/^[1-9]\d{0,17}$/.test(id));
      if (bad) {
        out(`outbox-retry takes message ids (whole numbers), not "${bad}"`);
        return 64;
      }
      const n = await requeueDead(app.get(DataSource).manager, { topic: topicAt >= 0 ? rest[topicAt + 1] : undefined, ids });
      out(`Re-queued ${n} dead outbox message(s).`);
      return 0;
    }
    if (command === 'bootstrap-operator') {
      const nameAt = rest.indexOf('--organisation-name');
      const [email, orgNumber] = rest.filter((a, i) => !a.startsWith('--') && (nameAt < 0 || i !== nameAt + 1));
      if (!email || !orgNumber) {
        out('bootstrap-operator needs an e-mail and an organisation number: npm run cli -- bootstrap-operator drift@kommune.example 974760673 --organisation-name "Drift"');
        return 64;
      }
      out(await bootstrapOperator(app, email, orgNumber, nameAt >= 0 ? rest[nameAt + 1] : undefined));
      return 0;
    }
    const world = await seedDemo(app, undefined, { activity: true });
    const history = world?.activity ? `, ${Object.keys(world.activity.orders).length} orders, ${Object.keys(world.activity.invoices).length} invoices and credit notes` : '';
    out(world ? `Seeded the demo data: ${Object.keys(world.agreements).length} agreements${history}.` : 'The database has organisations already; nothing seeded.');
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      out(`Error: ${e.message}`);
      return 65;
    }
    throw e;
  } finally {
    await app?.close();
  }
}

if (require.main === module) {
  let config: TorgConfig;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(78);
  }
  runCli(process.argv.slice(2), config).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
