import { Injectable } from '@nestjs/common';

/** What authentication needs of a registered machine client (identity/ owns the registry). */
export interface MachineClientRecord {
  id: number;
  /** The OAuth2 client id its tokens carry. */
  clientId: string;
  organisationId: number;
  /** The organisation's number, to check the consumer organisation a Maskinporten token names. */
  orgNumber: string;
  roles: string[];
  revokedAt: Date | null;
}

export interface MachineClientFinder {
  /** The active registration of this client id, else its latest revoked one. */
  byClientId(clientId: string): Promise<MachineClientRecord | undefined>;
  byId(id: number): Promise<MachineClientRecord | undefined>;
}

/**
 * Where the AccessGuard looks machine clients up. identity/ registers its registry at start, so
 * platform/ needs to know none of its tables; without one, no token resolves to a machine.
 */
@Injectable()
export class MachineClientDirectory {
  private finder?: MachineClientFinder;

  register(finder: MachineClientFinder): void {
    if (this.finder) throw new Error('a machine client registry is registered already');
    this.finder = finder;
  }

  async byClientId(clientId: string): Promise<MachineClientRecord | undefined> {
    return this.finder?.byClientId(clientId);
  }

  async byId(id: number): Promise<MachineClientRecord | undefined> {
    return this.finder?.byId(id);
  }
}
