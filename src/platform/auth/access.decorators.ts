import { SetMetadata } from '@nestjs/common';

export const ACCESS_RULE = 'torg:access';

/** How an operation may be called. Operations without a rule are refused (deny by default). */
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly string[]; platformOperators?: boolean };

/** Anyone, with or without a token (e.g. devLogin). */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
/** Any caller with a valid token; the service decides what they see. */
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);
/**
 * Callers holding at least one of these roles (by name) in their current organisation, or also
 * platform operators. Domain code uses the typed decorators in identity/access.decorators.ts.
 */
export const RequireRoles = (roles: readonly string[], options: { platformOperators?: boolean } = {}) =>
  SetMetadata(ACCESS_RULE, { kind: 'roles', roles, ...(options.platformOperators ? { platformOperators: true } : {}) } satisfies AccessRule);
