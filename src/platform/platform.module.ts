import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuditService } from './audit/audit.service';
import { AccessGuard } from './auth/access.guard';
import { TokenService } from './auth/token.service';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { DecimalScalar } from './money/decimal.scalar';

/** Cross-cutting services every domain module uses. */
@Global()
@Module({
  providers: [
    AuditService,
    TokenService,
    DecimalScalar,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
  exports: [AuditService, TokenService],
})
export class PlatformModule {}
