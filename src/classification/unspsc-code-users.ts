import { Injectable } from '@nestjs/common';
import { RequestContext } from '../platform/context/request-context';

/** A module whose rows name UNSPSC codes (catalogue items, agreement scopes). */
export interface UnspscCodeUser {
  /** Every code its rows use, kept true until `tx` ends (held against new uses if need be). */
  unspscCodesInUse(tx: RequestContext): Promise<string[]>;
}

/**
 * The port through which the UNSPSC re-import asks which codes are in use, without importing
 * the modules that use them (they import classification): each registers itself here.
 */
@Injectable()
export class UnspscCodeUsers {
  private readonly users: UnspscCodeUser[] = [];

  register(user: UnspscCodeUser): void {
    this.users.push(user);
  }

  async inUse(tx: RequestContext): Promise<Set<string>> {
    const codes = new Set<string>();
    for (const user of this.users) for (const code of await user.unspscCodesInUse(tx)) codes.add(code);
    return codes;
  }
}
