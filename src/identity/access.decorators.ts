import { RequireRoles } from '../platform/auth/access.decorators';
import { Role } from './role';

/** Callers holding at least one of these roles in their current organisation. */
export const Allow = (...roles: Role[]) => RequireRoles(roles);
/** Platform operators (see platform/auth/platform-operator.ts), or callers holding one of these roles; none given: operators only. */
export const PlatformOperatorOr = (...roles: Role[]) => RequireRoles(roles, { platformOperators: true });
