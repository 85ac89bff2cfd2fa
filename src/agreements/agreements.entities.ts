import { AgreementEntity } from './agreement.entity';

/** The agreements module's tables: agreement (agreement_participant and agreement_scope are reached by SQL in its repository). */
export const AGREEMENT_ENTITIES = [AgreementEntity];
