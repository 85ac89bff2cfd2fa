import { Initial1763800000000 } from './1763800000000-Initial';

/** Every migration, in order. Listed explicitly so the same list works from ts and from dist. */
export const MIGRATIONS = [Initial1763800000000];
