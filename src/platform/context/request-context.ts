import type { EntityManager } from 'typeorm';
import { afterCommit, AfterCommit } from '../database/after-commit';
import { forbidden, unauthenticated } from '../errors/domain-error';

interface CallerBase {
  organisationId: number;
  /** Role names in that organisation (identity/role.ts lists them). */
  roles: string[];
  /** Named in PLATFORM_OPERATORS (see platform/auth/platform-operator.ts). */
  platformOperator?: boolean;
}

/** A person, signed in with a user token. */
export interface PersonCaller extends CallerBase {
  userId: number;
  email: string;
  machineClientId?: undefined;
  clientId?: undefined;
}

/**
 * A registered machine client (identity's machine_client) calling with a client-credentials
 * token: it acts for its organisation with the roles registered for it, and is no user.
 */
export interface MachineCaller extends CallerBase {
  machineClientId: number;
  /** The OAuth2 client id its tokens carry. */
  clientId: string;
  userId?: undefined;
  email?: undefined;
  platformOperator?: false;
}

export type Caller = PersonCaller | MachineCaller;

/**
 * Travels first into every service call: who is calling, for which organisation, and the
 * transaction (EntityManager) the work must run in. Services never reach for a global manager.
 */
export class RequestContext {
  constructor(
    readonly caller: Caller | undefined,
    readonly manager: EntityManager,
    readonly requestId?: string,
    /**
     * The business time this step acts at, when it is not now: only the demo seed sets it, to
     * place a purchasing history over past months through the real services. Nothing a request
     * or the outbox makes sets it.
     */
    readonly actingAt?: Date,
  ) {}

  withManager(manager: EntityManager): RequestContext {
    return new RequestContext(this.caller, manager, this.requestId, this.actingAt);
  }

  /**
   * The time a step stamps on what it does as business (submitted, approved, answered, received,
   * matched, decided): the acting time, else the real time. Technical times (audit, outbox,
   * updated_at, insights' recorded_at) stay the real clock's.
   */
  now(): Date {
    return this.actingAt ? new Date(this.actingAt) : new Date();
  }

  /** Runs `fn` once this context's transaction has committed (at once outside one); never after a rollback. */
  afterCommit(fn: AfterCommit): void {
    afterCommit(this.manager, fn);
  }

  /** The authenticated caller, or UNAUTHENTICATED. */
  get user(): Caller {
    if (!this.caller) throw unauthenticated();
    return this.caller;
  }

  /**
   * The caller as a person, or FORBIDDEN for a machine client: for steps only a person may take
   * (approving, deciding, anything that records a user as responsible).
   */
  get person(): PersonCaller {
    const caller = this.user;
    if (caller.machineClientId !== undefined) throw forbidden(`A person must do this; machine client "${caller.clientId}" cannot`);
    return caller;
  }

  hasRole(...roles: string[]): boolean {
    return !!this.caller && roles.some((r) => this.caller!.roles.includes(r));
  }

  requireRole(...roles: string[]): Caller {
    const caller = this.user;
    if (!roles.some((r) => caller.roles.includes(r))) {
      throw forbidden(`This needs one of the roles ${roles.join(', ')} in your organisation`);
    }
    return caller;
  }
}
