import { ApprovalLimitEntity, ApproverRightEntity } from './approval-authority.entity';
import { CostCentreBudgetEntity, CostCentreEntity } from './cost-centre.entity';
import { DelegationEntity } from './delegation.entity';
import { DeliveryAddressEntity } from './delivery-address.entity';

/** The buyer set-up's tables (part of identity): cost centres and budgets, approval limits and rights, delegations, delivery addresses. */
export const BUYER_SETUP_ENTITIES = [CostCentreEntity, CostCentreBudgetEntity, ApprovalLimitEntity, ApproverRightEntity, DelegationEntity, DeliveryAddressEntity];
