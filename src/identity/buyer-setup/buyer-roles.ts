import { Role } from '../role';

/** Every role a member of an ordering organisation may hold: each may read its buyer set-up. */
export const BUYER_ROLES = [Role.REQUESTER, Role.APPROVER, Role.PURCHASER, Role.ADMIN] as const;
