import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { addressEntryProblem } from '../net/address-list';

/** Everything Torg reads from its environment, validated once at boot. */
export interface TorgConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  /** Address the HTTP server listens on: loopback outside production unless HOST says otherwise. */
  host: string;
  /** Where the embedded PostgreSQL keeps its data when no DATABASE_URL is set. */
  dataDir: string;
  /** External PostgreSQL; when absent an embedded server is started under dataDir. */
  databaseUrl?: string;
  /** Connections each replica keeps to PostgreSQL at most (uploads and indexing hold one each while they run). */
  databasePoolSize: number;
  /** How long a statement, a lock wait, an idle transaction and a wait for a pool connection may take. */
  databaseTimeouts: DatabaseTimeouts;
  /** Catalogue uploads one replica processes at the same time, in all and per supplier (more get 503 / 429 at once). */
  uploadConcurrency: number;
  uploadConcurrencyPerSupplier: number;
  embeddedPgPort: number;
  searchEngine: 'postgres' | 'meilisearch';
  meiliHost?: string;
  meiliApiKey?: string;
  /** The Meilisearch index searched (MEILI_INDEX; torg_items): the contract tests give each run its own. */
  meiliIndex: string;
  /** HS256 secret for tokens Torg issues itself (development and test only). */
  devJwtSecret: string;
  oidc?: { issuer: string; jwksUri: string; audience: string };
  /**
   * Whether devLogin exists (and Torg's own dev tokens are accepted): only in an explicit
   * development run on the embedded database, or in tests, and never with OIDC configured.
   */
  devLogin: boolean;
  /** E-mail addresses of the platform operators: they register organisations and grant roles anywhere. */
  platformOperators: string[];
  /** Seed demo organisations, users, agreements and catalogues into an empty database. */
  seedDemo: boolean;
  uploadMaxBytes: number;
  /** Where uploads are written while they are read (a folder per upload, removed when its response closes). */
  uploadTmpDir: string;
  /** The background work of platform/outbox: how much at once, and how failures are retried. */
  outbox: OutboxConfig;
  /** Requests (GraphQL, uploads, refused ones too) one caller may make per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** The most rows an insight report answers (GraphQL and export): a wider one is refused with what would narrow it. */
  insightMaxRows: number;
  /** How long a mutation's response is kept for a retry with the same Idempotency-Key (platform/graphql/idempotency). */
  idempotencyTtlHours: number;
  /** E-mail (platform/notifications): sent over SMTP when `smtpUrl` is set, else written to the log (outside production). */
  mail: MailConfig;
  /** Addresses and CIDR ranges that may read /metrics without a token (empty: none). */
  metricsAllow: string[];
  /** A bearer token that may read /metrics from any address. */
  metricsToken?: string;
  logLevel: string;
  /** Document exchange (exchange/): what POST /documents accepts, and how outbound documents leave. */
  exchange: ExchangeConfig;
  /** The profile orders are sent in: EHF Order 3.0 (`ehf`, Norwegian public buyers) or PEPPOL BIS Ordering 3 (`peppol-ordering`). */
  orderDocumentProfile: 'ehf' | 'peppol-ordering';
}

/** How PEPPOL/EHF documents come in (POST /documents) and go out (to an access point). */
export interface ExchangeConfig {
  /** Bytes one received document may have (413 beyond). */
  documentMaxBytes: number;
  /**
   * How outbound documents leave: `folder` drops one file per document into `folder` (for an
   * access point that picks files up), `http` POSTs it to `httpUrl`, `log` only logs it.
   */
  transport: 'folder' | 'http' | 'log';
  folder: string;
  httpUrl?: string;
  httpToken?: string;
  httpTimeoutMs: number;
}

/**
 * Limits on the database connections of the pool, in milliseconds (0: no limit, except for the
 * acquire timeout). They turn a stall into a clear 503/409 instead of a hang: see
 * platform/errors/database-errors.ts. Bulk work (catalogue import, search indexing, UNSPSC
 * import) runs its statements and lock waits under `bulkStatementMs` instead (database/bulk-work.ts).
 */
export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  acquireMs: number;
  bulkStatementMs: number;
}

export interface OutboxConfig {
  /** Messages (for search: agreements brought up to date) one replica handles at the same time. */
  concurrency: number;
  /** Attempts in all before a message is parked as dead. */
  maxAttempts: number;
  /** Wait before the first retry, doubled for each further one up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * Whether this process picks up work on its own (polling, and waking after each commit). The
   * service does; a CLI command does not, so it never runs another process's work and ends at
   * once (a command that needs its own work done calls `drain()`).
   */
  runsInBackground: boolean;
}

export interface MailConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when the server offers it) or `smtps://…:465`. */
  smtpUrl?: string;
  /** The sender: `Name <address>` or an address. */
  from: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, problems: string[], min = 1, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}=${JSON.stringify(raw)}: must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return n;
}

/** The demo operator (see src/seed/demo-data.ts): an operator by default only where devLogin exists. */
export const DEMO_OPERATOR_EMAIL = 'operator@torg.example';

function emailListVar(env: Env, name: string, fallback: string[], problems: string[]): string[] {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const emails = raw
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const bad = emails.filter((e) => !/^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(e));
  if (bad.length) problems.push(`${name}: ${bad.map((e) => JSON.stringify(e)).join(', ')} ${bad.length === 1 ? 'is not an e-mail address' : 'are not e-mail addresses'}`);
  return emails;
}

function hostVar(env: Env, fallback: string, problems: string[]): string {
  const raw = env.HOST;
  if (raw === undefined || raw === '') return fallback;
  if (isIP(raw) || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(raw)) return raw;
  problems.push(`HOST=${JSON.stringify(raw)}: must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name`);
  return fallback;
}

function boolVar(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  problems.push(`${name}=${JSON.stringify(raw)}: must be true or false`);
  return fallback;
}

function urlVar(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const u = new URL(raw);
    if (!protocols.includes(u.protocol)) throw new Error();
    return raw;
  } catch {
    problems.push(`${name}: must be a ${protocols.join(' or ')} URL`);
    return undefined;
  }
}

/** Loopback and the private ranges: a Prometheus on the same host, in Docker or in the cluster, but not the Internet. */
export const DEFAULT_METRICS_ALLOW = ['127.0.0.0/8', '::1', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];

/** A comma-separated list of addresses and CIDR ranges; `none` for an empty one. */
function addressListVar(env: Env, name: string, fallback: string[], problems: string[]): string[] {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (raw.toLowerCase() === 'none') return [];
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const problem = addressEntryProblem(entry);
    if (problem) problems.push(`${name}: ${problem} (give addresses or CIDR ranges separated by commas, or none)`);
  }
  return entries;
}

function outboxVars(env: Env, problems: string[]): OutboxConfig {
  const HOUR_MS = 3_600_000;
  // SEARCH_INDEXER_CONCURRENCY is the older name, from when search indexing was the only background work.
  const concurrency = intVar(env, 'SEARCH_INDEXER_CONCURRENCY', 2, problems, 1, 16);
  const retryBaseMs = intVar(env, 'OUTBOX_RETRY_BASE_MS', 1000, problems, 1, HOUR_MS);
  const retryMaxMs = intVar(env, 'OUTBOX_RETRY_MAX_MS', Math.max(300_000, retryBaseMs), problems, 1, 24 * HOUR_MS);
  if (retryMaxMs < retryBaseMs) problems.push(`OUTBOX_RETRY_MAX_MS=${retryMaxMs}: must not be below OUTBOX_RETRY_BASE_MS (${retryBaseMs})`);
  return {
    concurrency: intVar(env, 'OUTBOX_CONCURRENCY', concurrency, problems, 1, 16),
    maxAttempts: intVar(env, 'OUTBOX_MAX_ATTEMPTS', 20, problems, 1, 1000),
    retryBaseMs,
    retryMaxMs,
    runsInBackground: true,
  };
}

/** Default sender: `.invalid` is a reserved domain, so nothing pretends to be a real address. */
export const DEFAULT_MAIL_FROM = 'Torg <noreply@torg.invalid>';

const MAIL_ADDRESS = '[^\\s@<>",;]+@[^\\s@<>",;.]+(\\.[^\\s@<>",;.]+)+';
/** An address, or a display name (printable, no quotes, brackets, commas or semicolons) and the address in angle brackets. */
const SENDER = new RegExp(`^(${MAIL_ADDRESS}|[^\\x00-\\x1f\\x7f"<>,;]{1,100} <${MAIL_ADDRESS}>)$`);

function mailVars(env: Env, problems: string[]): MailConfig {
  const smtpUrl = urlVar(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems);
  const from = env.SMTP_FROM?.trim() || DEFAULT_MAIL_FROM;
  if (!SENDER.test(from)) problems.push(`SMTP_FROM=${JSON.stringify(from)}: must be an e-mail address, or "Name <address>"`);
  return { smtpUrl, from };
}

function exchangeVars(env: Env, nodeEnv: string, problems: string[]): ExchangeConfig {
  const httpUrl = urlVar(env, 'OUTBOUND_HTTP_URL', ['http:', 'https:'], problems);
  // Documents wait in a folder one can look into (and an access point can pick up) unless told
  // otherwise; tests send nowhere unless they choose a transport.
  const transport = env.OUTBOUND_TRANSPORT || (nodeEnv === 'test' ? 'log' : 'folder');
  if (!['folder', 'http', 'log'].includes(transport)) problems.push(`OUTBOUND_TRANSPORT=${JSON.stringify(transport)}: must be folder, http or log`);
  else if (transport === 'http' && !httpUrl) problems.push('OUTBOUND_TRANSPORT=http needs OUTBOUND_HTTP_URL');
  const httpToken = env.OUTBOUND_HTTP_TOKEN || undefined;
  if (httpToken !== undefined && /\s/.test(httpToken)) problems.push('OUTBOUND_HTTP_TOKEN: must not contain spaces');
  return {
    documentMaxBytes: intVar(env, 'DOCUMENT_MAX_BYTES', 10 * 1024 * 1024, problems, 1024, 20 * 1024 * 1024),
    transport: transport as ExchangeConfig['transport'],
    folder: resolve(env.OUTBOUND_FOLDER || join('var', 'outbound')),
    httpUrl,
    httpToken,
    httpTimeoutMs: intVar(env, 'OUTBOUND_HTTP_TIMEOUT_MS', 30_000, problems, 100, 600_000),
  };
}

function orderProfileVar(env: Env, problems: string[]): TorgConfig['orderDocumentProfile'] {
  const profile = env.ORDER_DOCUMENT_PROFILE || 'ehf';
  if (profile === 'ehf' || profile === 'peppol-ordering') return profile;
  problems.push(`ORDER_DOCUMENT_PROFILE=${JSON.stringify(profile)}: must be ehf or peppol-ordering`);
  return 'ehf';
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): TorgConfig {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV || 'development';
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    problems.push(`NODE_ENV=${JSON.stringify(nodeEnv)}: must be development, test or production`);
  }
  const production = nodeEnv === 'production';
  const databaseUrl = urlVar(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems);
  const meiliHost = urlVar(env, 'MEILI_HOST', ['http:', 'https:'], problems);
  const engine = env.SEARCH_ENGINE || (meiliHost ? 'meilisearch' : 'postgres');
  if (engine !== 'postgres' && engine !== 'meilisearch') {
    problems.push(`SEARCH_ENGINE=${JSON.stringify(engine)}: must be postgres or meilisearch`);
  } else if (engine === 'meilisearch' && !meiliHost) {
    problems.push('SEARCH_ENGINE=meilisearch needs MEILI_HOST');
  }
  // Meilisearch's rule for an index uid: letters, digits, hyphens and underscores, at most 400 bytes.
  const meiliIndex = env.MEILI_INDEX || 'torg_items';
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(meiliIndex)) problems.push(`MEILI_INDEX=${JSON.stringify(meiliIndex)}: only letters, digits, - and _ (at most 400)`);
  let devJwtSecret = env.JWT_DEV_SECRET || '';
  if (devJwtSecret && devJwtSecret.length < 32) problems.push('JWT_DEV_SECRET: must be at least 32 characters');
  if (!devJwtSecret) devJwtSecret = randomBytes(32).toString('hex');
  const issuer = urlVar(env, 'OIDC_ISSUER', ['https:', 'http:'], problems);
  const jwksUri = urlVar(env, 'OIDC_JWKS_URI', ['https:', 'http:'], problems);
  if (Boolean(issuer) !== Boolean(jwksUri)) problems.push('OIDC_ISSUER and OIDC_JWKS_URI must be set together');
  // Without an audience check a token the provider issued to any other client would be accepted.
  const audience = env.OIDC_AUDIENCE || undefined;
  if (issuer && !audience) problems.push("OIDC_AUDIENCE: required with OIDC_ISSUER (Torg's client id at the provider, checked against the token's aud)");
  if (production && !issuer) problems.push('OIDC_ISSUER: required in production (Torg issues no tokens of its own there)');
  if (production && !databaseUrl) problems.push('DATABASE_URL: required in production (the embedded database is for development)');
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && (metricsToken.length < 16 || /\s/.test(metricsToken))) problems.push('METRICS_TOKEN: must be at least 16 characters, without spaces');
  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'warn' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(logLevel)}: must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const databasePoolSize = intVar(env, 'DATABASE_POOL_SIZE', 10, problems, 2, 1000);
  const DAY_MS = 86_400_000;
  // Uploads hold a connection for their whole run: they may take at most half the pool, so
  // searches, the indexer and /health always find one.
  const maxUploads = Math.max(1, Math.floor(databasePoolSize / 2));
  // devLogin hands out any user: only where that cannot reach real data or real users. A
  // development run must say so (NODE_ENV=development, as npm start does): no NODE_ENV is not enough.
  const devLogin = !issuer && (nodeEnv === 'test' || (env.NODE_ENV === 'development' && !databaseUrl));
  const config: TorgConfig = {
    env: nodeEnv as TorgConfig['env'],
    port: intVar(env, 'PORT', 3000, problems, 0),
    host: hostVar(env, production ? '0.0.0.0' : '127.0.0.1', problems),
    dataDir: resolve(env.TORG_DATA_DIR || '.data'),
    databaseUrl,
    databasePoolSize,
    databaseTimeouts: {
      statementMs: intVar(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000, problems, 0, DAY_MS),
      lockMs: intVar(env, 'DATABASE_LOCK_TIMEOUT_MS', 5_000, problems, 0, DAY_MS),
      idleInTransactionMs: intVar(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, problems, 0, DAY_MS),
      acquireMs: intVar(env, 'DATABASE_ACQUIRE_TIMEOUT_MS', 10_000, problems, 100, DAY_MS),
      bulkStatementMs: intVar(env, 'DATABASE_BULK_STATEMENT_TIMEOUT_MS', 600_000, problems, 0, DAY_MS),
    },
    uploadConcurrency: intVar(env, 'UPLOAD_CONCURRENCY', Math.max(1, Math.floor(databasePoolSize / 4)), problems, 1, maxUploads),
    uploadConcurrencyPerSupplier: intVar(env, 'UPLOAD_CONCURRENCY_PER_SUPPLIER', 2, problems, 1, 1000),
    embeddedPgPort: intVar(env, 'EMBEDDED_PG_PORT', 54329, problems),
    searchEngine: engine as TorgConfig['searchEngine'],
    meiliHost,
    meiliApiKey: env.MEILI_API_KEY || undefined,
    meiliIndex,
    devJwtSecret,
    oidc: issuer && jwksUri && audience ? { issuer, jwksUri, audience } : undefined,
    devLogin,
    platformOperators: emailListVar(env, 'PLATFORM_OPERATORS', devLogin ? [DEMO_OPERATOR_EMAIL] : [], problems),
    seedDemo: boolVar(env, 'SEED_DEMO', !production, problems),
    uploadMaxBytes: intVar(env, 'UPLOAD_MAX_BYTES', 200 * 1024 * 1024, problems, 1024, 2 ** 31 - 1),
    uploadTmpDir: resolve(env.UPLOAD_TMP_DIR || tmpdir()),
    outbox: outboxVars(env, problems),
    rateLimitPerMinute: intVar(env, 'RATE_LIMIT_PER_MINUTE', 600, problems, 0, 1_000_000),
    insightMaxRows: intVar(env, 'INSIGHT_MAX_ROWS', 50_000, problems, 10, 10_000_000),
    idempotencyTtlHours: intVar(env, 'IDEMPOTENCY_TTL_HOURS', 24, problems, 1, 24 * 30),
    mail: mailVars(env, problems),
    metricsAllow: addressListVar(env, 'METRICS_ALLOW', DEFAULT_METRICS_ALLOW, problems),
    metricsToken,
    logLevel,
    exchange: exchangeVars(env, nodeEnv, problems),
    orderDocumentProfile: orderProfileVar(env, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

export const TORG_CONFIG = Symbol('TORG_CONFIG');
