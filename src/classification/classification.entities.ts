import { UnspscNodeEntity } from './unspsc-node.entity';

/** The classification module's table: unspsc_node. */
export const CLASSIFICATION_ENTITIES = [UnspscNodeEntity];
