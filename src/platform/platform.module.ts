import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { AuditService } from './audit/audit.service';
import { AccessGuard } from './auth/access.guard';
import { CallerAuthenticator } from './auth/caller-authenticator';
import { MachineClientDirectory } from './auth/machine-client-directory';
import { RateLimitMiddleware } from './auth/rate-limit.middleware';
import { TokenService } from './auth/token.service';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { IdempotencyPlugin } from './graphql/idempotency/idempotency.plugin';
import { IdempotencyRepository } from './graphql/idempotency/idempotency.repository';
import { HealthChecks } from './health/health-checks';
import { MetricsEndpoint } from './health/metrics-endpoint.middleware';
import { DecimalScalar } from './money/decimal.scalar';

/** Cross-cutting services every domain module uses. */
@Global()
@Module({
  providers: [
    AuditService,
    TokenService,
    CallerAuthenticator,
    MachineClientDirectory,
    DecimalScalar,
    HealthChecks,
    // Idempotency-Key on mutations: Nest hands @Plugin() providers to Apollo.
    IdempotencyRepository,
    IdempotencyPlugin,
    // Each caller's request counts (RateLimitMiddleware), in memory.
    ThrottlerStorageService,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
  exports: [AuditService, TokenService, CallerAuthenticator, MachineClientDirectory, HealthChecks],
})
export class PlatformModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(MetricsEndpoint).forRoutes({ path: 'metrics', method: RequestMethod.GET });
    // Every route: GraphQL (Apollo's, outside Nest's router), uploads, and any path not found.
    consumer.apply(RateLimitMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
