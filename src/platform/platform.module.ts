import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditService } from './audit/audit.service';
import { AccessGuard } from './auth/access.guard';
import { RATE_LIMIT_WINDOW_MS, RateLimitGuard } from './auth/rate-limit.guard';
import { TokenService } from './auth/token.service';
import { TORG_CONFIG, TorgConfig } from './config/config';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { DecimalScalar } from './money/decimal.scalar';

/** Cross-cutting services every domain module uses. */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [TORG_CONFIG],
      useFactory: (config: TorgConfig) => ({
        throttlers: [{ ttl: RATE_LIMIT_WINDOW_MS, limit: config.rateLimitPerMinute }],
        skipIf: () => config.rateLimitPerMinute === 0,
      }),
    }),
  ],
  providers: [
    AuditService,
    TokenService,
    DecimalScalar,
    // In this order: the rate limit counts the caller the AccessGuard has identified.
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
  exports: [AuditService, TokenService],
})
export class PlatformModule {}
