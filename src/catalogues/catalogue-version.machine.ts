import type { RequestContext } from '../platform/context/request-context';
import { AuditWriter, StateMachine } from '../platform/state-machine/state-machine';
import { CATALOGUE_TRANSITION_DONE, CATALOGUE_TRANSITIONS, CatalogueStatus, CatalogueTransition } from './catalogue-status';
import { CatalogueVersionEntity } from './catalogue-version.entity';
import { CatalogueStateError } from './catalogues.types';

export type CatalogueVersionMachine = StateMachine<CatalogueStatus, CatalogueTransition, CatalogueVersionEntity, CatalogueStateError>;

/** Catalogue versions move only through this machine: it refuses, saves and audits every step. */
export function catalogueVersionMachine(audit: AuditWriter, save: (tx: RequestContext, version: CatalogueVersionEntity) => Promise<CatalogueVersionEntity>): CatalogueVersionMachine {
  return new StateMachine(
    {
      table: CATALOGUE_TRANSITIONS,
      entityType: 'catalogue_version',
      auditPrefix: 'catalogue',
      done: CATALOGUE_TRANSITION_DONE,
      describe: (version) => `Catalogue version ${version.id} (no. ${version.versionNo} of its agreement)`,
      refused: (version, _event, message) => CatalogueStateError.of(version.status, message),
      save,
    },
    audit,
  );
}
