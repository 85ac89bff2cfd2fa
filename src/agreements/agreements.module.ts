import { Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module';
import { IdentityModule } from '../identity/identity.module';
import { AgreementsResolver } from './agreements.resolver';
import { AgreementsService } from './agreements.service';
import { VisibilityService } from './visibility.service';

@Module({
  imports: [IdentityModule, ClassificationModule],
  providers: [AgreementsService, VisibilityService, AgreementsResolver],
  exports: [AgreementsService, VisibilityService],
})
export class AgreementsModule {}
