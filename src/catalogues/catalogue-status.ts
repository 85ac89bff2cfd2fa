import { registerEnumType } from '@nestjs/graphql';
import { nextState, TransitionTable } from '../platform/state-machine/transition-table';

export enum CatalogueStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  REJECTED = 'REJECTED',
  SUPERSEDED = 'SUPERSEDED',
}

registerEnumType(CatalogueStatus, {
  name: 'CatalogueStatus',
  description:
    'DRAFT: uploaded and valid, not yet sent for review; SUBMITTED: awaiting the purchasing unit; PUBLISHED: in force; REJECTED: refused with a reason; SUPERSEDED: replaced by a newer published version.',
});

export type CatalogueTransition = 'submit' | 'publish' | 'reject' | 'supersede';

/** The catalogue-version state machine as a table: from-state → allowed transitions → to-state. */
export const CATALOGUE_TRANSITIONS: TransitionTable<CatalogueStatus, CatalogueTransition> = {
  [CatalogueStatus.DRAFT]: { submit: CatalogueStatus.SUBMITTED },
  [CatalogueStatus.SUBMITTED]: { publish: CatalogueStatus.PUBLISHED, reject: CatalogueStatus.REJECTED },
  [CatalogueStatus.PUBLISHED]: { supersede: CatalogueStatus.SUPERSEDED },
  [CatalogueStatus.REJECTED]: {},
  [CatalogueStatus.SUPERSEDED]: {},
};

/** The state after `transition`, or null when the transition is not allowed from `from`. */
export function nextCatalogueStatus(from: CatalogueStatus, transition: CatalogueTransition): CatalogueStatus | null {
  return nextState(CATALOGUE_TRANSITIONS, from, transition);
}

/** Each transition in the past tense: audit actions are `catalogue.<done>`, refusals say "cannot be <done>". */
export const CATALOGUE_TRANSITION_DONE: Record<CatalogueTransition, string> = {
  submit: 'submitted',
  publish: 'published',
  reject: 'rejected',
  supersede: 'superseded',
};

/**
 * Publishing order: a version may replace the version in force only if it is newer (a higher
 * version number). An older SUBMITTED version left behind by a newer publication would
 * otherwise bring back the catalogue the supplier has since replaced; it can still be rejected.
 */
export function mayReplaceInForce(versionNo: number, inForceVersionNo: number): boolean {
  return versionNo > inForceVersionNo;
}
