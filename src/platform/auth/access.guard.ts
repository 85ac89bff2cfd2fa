import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { forbidden, unauthenticated } from '../errors/domain-error';
import { ACCESS_RULE, AccessRule } from './access.decorators';
import { CallerAuthenticator } from './caller-authenticator';

export type TorgRequest = Request & { torgContext?: RequestContext; id?: string | number };

export function requestOf(context: ExecutionContext): TorgRequest {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext<{ req: TorgRequest }>().req;
  return context.switchToHttp().getRequest<TorgRequest>();
}

/**
 * The global guard. Authenticates the bearer token (CallerAuthenticator), resolves the caller's organisation and
 * roles, attaches the RequestContext, and refuses any operation that declares no access rule.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: CallerAuthenticator,
    private readonly ds: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const req = requestOf(context);
    if (!rule) throw forbidden(`Operation ${context.getClass().name}.${context.getHandler().name} declares no access rule and is refused`);
    const caller = await this.authenticator.callerOf(req);
    req.torgContext = new RequestContext(caller, this.ds.manager, req.id !== undefined ? String(req.id) : undefined);
    if (rule.kind === 'public') return true;
    if (!caller) throw unauthenticated();
    if (rule.kind === 'roles' && !rule.roles.some((r) => caller.roles.includes(r)) && !(rule.platformOperators && caller.platformOperator)) {
      if (!rule.roles.length) throw forbidden('This needs a platform operator');
      throw forbidden(`This needs one of the roles ${rule.roles.join(', ')} in your organisation${rule.platformOperators ? ', or a platform operator' : ''}`);
    }
    return true;
  }
}
