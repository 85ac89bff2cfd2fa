import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type } from '@nestjs/common';
import type { Request } from 'express';
import { badInput } from '../errors/domain-error';

/** The largest id a PostgreSQL `integer` column holds (2^31 - 1): every id in Torg is one. */
export const MAX_ID = 2_147_483_647;

/**
 * An id from a REST path: digits only, 1 to MAX_ID. Nest's ParseIntPipe took "3000000000"
 * (PostgreSQL then failed with an internal error), "-1" and "1e3".
 */
export function parseId(name: string, value: string): number {
  if (/^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_ID) return Number(value);
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  throw badInput(`${name} in the path must be a whole number from 1 to ${MAX_ID}, not "${shown}"`, { field: name });
}

/**
 * Checks id path parameters (`@UseInterceptors(IdParamsFirst('agreementId'), FileInterceptor('file'))`)
 * before anything else reads the request. Not a pipe: pipes run after interceptors, so an upload
 * would be received and stored first, and after the global ValidationPipe, which has turned
 * "1e3" and "99999999999999999999999" into numbers by then.
 */
export function IdParamsFirst(...names: string[]): Type<NestInterceptor> {
  @Injectable()
  class IdParamsInterceptor implements NestInterceptor {
    intercept(context: ExecutionContext, next: CallHandler) {
      const params = context.switchToHttp().getRequest<Request>().params ?? {};
      for (const name of names) parseId(name, String(params[name] ?? ''));
      return next.handle();
    }
  }
  return IdParamsInterceptor;
}
