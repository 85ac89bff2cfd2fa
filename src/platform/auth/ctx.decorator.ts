import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { requestOf } from './access.guard';

/** The RequestContext the AccessGuard attached to this request. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const ctx = requestOf(context).torgContext;
  if (!ctx) throw new Error('RequestContext missing: is the AccessGuard installed?');
  return ctx;
});
