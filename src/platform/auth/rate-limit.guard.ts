import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { TooManyRequestsError } from '../errors/domain-error';
import { requestOf, TorgRequest } from './access.guard';

/** The window the per-caller limit counts over. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Limits how many operations one caller makes per minute (@nestjs/throttler, sliding window).
 * Runs after the AccessGuard, so a signed-in caller is counted by user — one budget across
 * every GraphQL operation and upload, whatever address they come from — and an anonymous one
 * (devLogin) by address. Answers 429 with a Retry-After header and the code TOO_MANY_REQUESTS
 * (GraphQL and REST alike). Counts are kept per process: behind a load balancer each replica
 * grants the limit on its own.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getRequestResponse(context: ExecutionContext): { req: Record<string, any>; res: Record<string, any> } {
    if (context.getType<string>() === 'graphql') {
      const { req, res } = GqlExecutionContext.create(context).getContext<{ req: TorgRequest; res: Response }>();
      return { req, res };
    }
    return { req: requestOf(context), res: context.switchToHttp().getResponse<Response>() };
  }

  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const caller = (req as TorgRequest).torgContext?.caller;
    return caller ? `user:${caller.userId}` : `address:${await super.getTracker(req)}`;
  }

  /** One budget per caller, not one per operation (the library's default key includes the handler). */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new TooManyRequestsError(detail.timeToBlockExpire);
  }
}
