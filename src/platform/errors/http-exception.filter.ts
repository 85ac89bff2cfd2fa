import { HeaderMap } from '@apollo/server';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { databaseErrorToDomain } from './database-errors';
import { DomainError, errorCodeForStatus, HTTP_STATUS } from './domain-error';
import { requestBodyRefusal } from './request-body-error';

/**
 * REST side of the error mapping (GraphQL errors go through formatGraphQLError). Only HTTP
 * requests reach this filter; for GraphQL the exception is rethrown for Apollo to format.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() !== 'http') throw withGraphQLStatus(exception);
    const res = host.switchToHttp().getResponse<Response>();
    const domain = exception instanceof DomainError ? exception : databaseErrorToDomain(exception);
    if (domain) {
      const retryAfter = domain.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number' && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(retryAfter));
      res.status(HTTP_STATUS[domain.code]).json({ code: domain.code, message: domain.message, ...(domain.details ?? {}) });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      res.status(status).json({ code: errorCodeForStatus(status), message });
      return;
    }
    // A body that could not be read (too large, bad JSON, a Content-Encoding it is not in).
    const refusal = requestBodyRefusal(exception, host.switchToHttp().getRequest<Request>().headers?.['content-encoding']);
    if (refusal) {
      res.status(refusal.status).json({ code: refusal.code, message: refusal.message });
      return;
    }
    this.logger.error(exception);
    res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  }
}

/**
 * A GraphQL answer is 200 even when a field failed, but a stall of the database (statement or
 * pool timeout) means "try again later" for the whole request: Apollo takes the HTTP status and
 * headers from an error's `extensions.http`, so such errors answer 503 with Retry-After, as REST
 * does. Other errors go on to formatGraphQLError unchanged.
 */
function withGraphQLStatus(exception: unknown): unknown {
  const domain = exception instanceof DomainError ? exception : databaseErrorToDomain(exception);
  if (domain?.code !== 'SERVICE_UNAVAILABLE') return exception;
  const headers = new HeaderMap();
  const retryAfter = domain.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') headers.set('retry-after', String(retryAfter));
  return Object.assign(domain, { extensions: { http: { status: HTTP_STATUS.SERVICE_UNAVAILABLE, headers } } });
}
