import { Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module';
import { UnspscCodeUsers } from '../classification/unspsc-code-users';
import { IdentityModule } from '../identity/identity.module';
import { AgreementAccess } from './agreement-access';
import { AgreementCeilingService } from './agreement-ceiling.service';
import { AgreementDrawdownRepository } from './agreement-drawdown.repository';
import { AgreementRepository } from './agreement.repository';
import { AgreementsResolver } from './agreements.resolver';
import { AgreementsService } from './agreements.service';
import { AgreementParticipationService } from './participation.service';
import { PriceClauseRepository } from './price-clause/price-clause.repository';
import { PriceClauseResolver } from './price-clause/price-clause.resolver';
import { PriceClauseService } from './price-clause/price-clause.service';
import { VisibilityService } from './visibility.service';

@Module({
  imports: [IdentityModule, ClassificationModule],
  providers: [
    AgreementsService,
    AgreementParticipationService,
    AgreementRepository,
    AgreementDrawdownRepository,
    AgreementCeilingService,
    AgreementAccess,
    VisibilityService,
    AgreementsResolver,
    PriceClauseRepository,
    PriceClauseService,
    PriceClauseResolver,
  ],
  exports: [AgreementsService, AgreementAccess, VisibilityService],
})
export class AgreementsModule {
  constructor(codeUsers: UnspscCodeUsers, agreements: AgreementsService) {
    codeUsers.register(agreements); // scopes keep their codes through a UNSPSC re-import
  }
}
