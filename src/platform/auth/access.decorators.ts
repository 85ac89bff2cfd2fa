import { SetMetadata } from '@nestjs/common';
import { Role } from '../context/request-context';

export const ACCESS_RULE = 'torg:access';

/** How an operation may be called. Operations without a rule are refused (deny by default). */
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: Role[]; platformOperators?: boolean };

/** Anyone, with or without a token (e.g. devLogin). */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
/** Any caller with a valid token; the service decides what they see. */
export const Authenticated = () => SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule);
/** Callers holding at least one of these roles in their current organisation. */
export const Allow = (...roles: Role[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);
/** Platform operators (see platform-operator.ts), or callers holding one of these roles; none given: operators only. */
export const PlatformOperatorOr = (...roles: Role[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles, platformOperators: true } satisfies AccessRule);
