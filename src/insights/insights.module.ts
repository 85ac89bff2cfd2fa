import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CataloguesModule } from '../catalogues/catalogues.module';
import { IdentityModule } from '../identity/identity.module';
import { InsightOrganisationsResolver } from './insight-organisations.resolver';
import { InsightReportsRepository } from './insight-reports.repository';
import { InsightsExportController } from './insights-export.controller';
import { InsightsScope } from './insights-scope';
import { InsightsResolver } from './insights.resolver';
import { InsightsService } from './insights.service';
import { OpenDataController } from './open-data.controller';
import { OpenDataRepository } from './open-data.repository';
import { OpenDataResolver } from './open-data.resolver';
import { OpenDataService } from './open-data.service';
import { SpendFactWriter } from './spend-fact-writer';
import { SpendFacts } from './spend-facts';
import { SpendFactsRepository } from './spend-facts.repository';

/**
 * Insights for purchasing units (issue 16 §4): spend facts fed by ordering and invoicing through
 * SpendFacts (outbox topic `insights.spend`), and the reports over them. Imports no ordering or
 * invoicing code, so both may import it.
 */
@Module({
  imports: [IdentityModule, AgreementsModule, CataloguesModule],
  controllers: [InsightsExportController, OpenDataController],
  providers: [
    SpendFacts,
    SpendFactsRepository,
    SpendFactWriter,
    InsightReportsRepository,
    InsightsScope,
    InsightsService,
    InsightsResolver,
    InsightOrganisationsResolver,
    OpenDataRepository,
    OpenDataService,
    OpenDataResolver,
  ],
  exports: [SpendFacts],
})
export class InsightsModule {}
