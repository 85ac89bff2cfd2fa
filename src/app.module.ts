import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Logger, Module, ValidationPipe } from '@nestjs/common';
import { APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AgreementsModule } from './agreements/agreements.module';
import { CataloguesModule } from './catalogues/catalogues.module';
import { ClassificationModule } from './classification/classification.module';
import { ENTITIES } from './database-entities';
import { ExchangeModule } from './exchange/exchange.module';
import { BuyerSetupModule } from './identity/buyer-setup/buyer-setup.module';
import { DevLoginModule } from './identity/dev-login.module';
import { IdentityModule } from './identity/identity.module';
import { InsightsModule } from './insights/insights.module';
import { TorgConfig } from './platform/config/config';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { badInput } from './platform/errors/domain-error';
import { formatGraphQLError } from './platform/errors/graphql-error-format';
import { serverTiming } from './platform/graphql/server-timing';
import { costLimit } from './platform/graphql/cost-limit';
import { depthAndSizeLimit } from './platform/graphql/depth-limit';
import { GraphqlIdeController } from './platform/graphql/ide/graphql-ide.controller';
import { graphqlIdeLandingPage } from './platform/graphql/ide/graphql-ide.plugin';
import { inputGuard } from './platform/graphql/input-guard';
import { HealthController } from './platform/health/health.controller';
import { NotificationsModule } from './platform/notifications/notifications.module';
import { OutboxModule } from './platform/outbox/outbox.module';
import { PlatformModule } from './platform/platform.module';
import { WebAppModule } from './platform/web/web-app.module';
import { InvoicingModule } from './invoicing/invoicing.module';
import { OrderingModule } from './ordering/ordering.module';
import { SearchModule } from './search/search.module';

const graphqlLogger = new Logger('GraphQL');
/**
 * Largest estimated cost of one GraphQL operation: a page of 100 search hits with facets costs
 * about 3,000; 20,000 allows e.g. ten catalogue versions with 100 items each, but not lists of
 * lists of lists at full page size.
 */
const MAX_QUERY_COST = 20_000;
/** Nesting and field count of one operation, fragments expanded (see depth-limit.ts). */
const QUERY_LIMITS = { depth: 12, fields: 400 };
/** The standard introspection query (GraphiQL, code generators) nests 15 deep and selects about 230 fields. */
const INTROSPECTION_LIMITS = { depth: 20, fields: 1000 };
/**
 * Tokens (names, punctuation, values) one GraphQL document may hold; the parser stops past it.
 * Validation costs about 5 µs a token, so this bounds what any document costs before it is
 * refused; the standard introspection query has about 200 tokens, a query of 400 fields about 1,000.
 */
const MAX_QUERY_TOKENS = 5_000;

/** What the GraphQL IDE's editor shows the first time: how to sign in, and a first query. */
function ideDefaultQuery(devLogin: boolean): string {
  const signIn = devLogin
    ? '# Sign in: run the devLogin below, then put {"Authorization": "Bearer <the token>"}\n# under Headers and run { me { ... } } or a search (README: demo users).\nmutation { devLogin(email: "bestiller@nordby.example") { token } }\n'
    : '# Calls need a bearer token from your identity provider: put\n# {"Authorization": "Bearer <token>"} under Headers.\n';
  return `${signIn}\n# { me { email organisation { name } roles } }\n`;
}

@Module({})
export class AppModule {
  static forRoot(config: TorgConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req, res) => {
              const id = (req.headers['x-request-id'] as string) || randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
        DiscoveryModule,
        DatabaseModule.forRoot(ENTITIES),
        PlatformModule,
        OutboxModule,
        NotificationsModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          // GraphiQL, served by Torg (offline too), is the landing page outside production; in
          // production there is none (and no introspection). Nest's own playground stays off.
          playground: false,
          // Torg sets no cache hints; without the default cache-control plugin Apollo does not wrap
          // every field resolver (a search answer has hundreds of fields).
          plugins: [
            serverTiming(),
            ApolloServerPluginCacheControlDisabled(),
            inputGuard(),
            costLimit(MAX_QUERY_COST),
            config.env !== 'production' ? graphqlIdeLandingPage({ endpoint: '/graphql', defaultQuery: ideDefaultQuery(config.devLogin) }) : ApolloServerPluginLandingPageDisabled(),
          ],
          introspection: config.env !== 'production',
          // Let an error's extensions.http set the response status (as the cost limit's 400 does);
          // Nest's own status plugin stays off. Rate limiting answers 429 before Apollo runs.
          preserveHttpStatusForExecutionErrors: false,
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          parseOptions: { maxTokens: MAX_QUERY_TOKENS },
          validationRules: [depthAndSizeLimit(QUERY_LIMITS, INTROSPECTION_LIMITS)],
          formatError: (formatted, error) => formatGraphQLError(formatted, error, (e) => graphqlLogger.error(e)),
        }),
        IdentityModule,
        BuyerSetupModule,
        ...(config.devLogin ? [DevLoginModule] : []),
        ClassificationModule,
        AgreementsModule,
        SearchModule,
        CataloguesModule,
        ExchangeModule,
        OrderingModule,
        InvoicingModule,
        InsightsModule,
        // Last: the web app's fallback yields to every route above (see platform/web/spa-routing.ts).
        WebAppModule,
      ],
      controllers: [HealthController, ...(config.env !== 'production' ? [GraphqlIdeController] : [])],
      providers: [
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            transform: true,
            whitelist: true,
            forbidUnknownValues: false,
            exceptionFactory: (errors) => {
              const flat = errors.flatMap(function walk(e): string[] {
                return [...Object.values(e.constraints ?? {}), ...(e.children ?? []).flatMap(walk)];
              });
              return badInput(flat.join('; ') || 'Invalid input', { fields: errors.map((e) => e.property) });
            },
          }),
        },
      ],
    };
  }
}
