import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module';
import { ApprovalAuthorityRepository } from './approval-authority.repository';
import { ApprovalAuthorityResolver, ApproverRightResolver, AuthorisedApproverResolver } from './approval-authority.resolver';
import { ApprovalAuthorityService } from './approval-authority.service';
import { BuyerSetupAccess } from './buyer-setup-access';
import { CommitmentRepository } from './commitment.repository';
import { CommitmentsService } from './commitments.service';
import { CostCentreBudgetResolver } from './cost-centre-budget.resolver';
import { CostCentreRepository } from './cost-centre.repository';
import { CostCentresResolver } from './cost-centres.resolver';
import { CostCentresService } from './cost-centres.service';
import { DelegationRepository } from './delegation.repository';
import { DelegationsResolver } from './delegations.resolver';
import { DelegationsService } from './delegations.service';
import { DeliveryAddressRepository } from './delivery-address.repository';
import { DeliveryAddressesResolver } from './delivery-addresses.resolver';
import { DeliveryAddressesService } from './delivery-addresses.service';
import { OrganisationMembers } from './organisation-members';
import { OrganisationMembersRepository } from './organisation-members.repository';

/**
 * A buyer organisation's set-up for ordering, part of identity (ARCHITECTURE: identity owns cost
 * centres, approval limits and delegations): cost centres and budgets, personal limits and
 * approver rights, delegations, delivery addresses. Its own Nest module beside IdentityModule so
 * the two grow apart without touching each other; ordering imports it for the services it exports.
 */
@Module({
  imports: [IdentityModule],
  providers: [
    BuyerSetupAccess,
    OrganisationMembers,
    OrganisationMembersRepository,
    CostCentreRepository,
    CostCentresService,
    CostCentresResolver,
    CostCentreBudgetResolver,
    CommitmentRepository,
    CommitmentsService,
    ApprovalAuthorityRepository,
    ApprovalAuthorityService,
    ApprovalAuthorityResolver,
    ApproverRightResolver,
    AuthorisedApproverResolver,
    DelegationRepository,
    DelegationsService,
    DelegationsResolver,
    DeliveryAddressRepository,
    DeliveryAddressesService,
    DeliveryAddressesResolver,
  ],
  exports: [CostCentresService, CommitmentsService, ApprovalAuthorityService, DelegationsService, DeliveryAddressesService],
})
export class BuyerSetupModule {}
