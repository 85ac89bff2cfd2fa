import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TORG_CONFIG, TorgConfig } from '../platform/config/config';
import { uploadStorage } from '../platform/files/upload-storage';
import { AgreementsModule } from '../agreements/agreements.module';
import { ClassificationModule } from '../classification/classification.module';
import { UnspscCodeUsers } from '../classification/unspsc-code-users';
import { IdentityModule } from '../identity/identity.module';
import { CatalogueItemRepository } from './catalogue-item.repository';
import { CatalogueLineNoteRepository } from './catalogue-line-note.repository';
import { CatalogueUploadController } from './catalogue-upload.controller';
import { CatalogueVersionRepository } from './catalogue-version.repository';
import { CataloguesResolver } from './catalogues.resolver';
import { CataloguesService } from './catalogues.service';
import { CataloguePriceCheck } from './price-clause-check';
import { CatalogueChangePriceClauseResolver, CatalogueReviewPriceClauseResolver } from './price-clause-check.resolver';
import { UnspscItemCountResolver } from './unspsc-item-count.resolver';
import { ClassifiedItems } from '../classification/suggestions/classified-items';
import { AwaitingUnspscRepository } from './awaiting-unspsc.repository';
import { UnspscAcceptanceService } from './unspsc-acceptance.service';
import { UnspscSuggestionsResolver } from './unspsc-suggestions.resolver';

@Module({
  imports: [
    AgreementsModule,
    ClassificationModule,
    IdentityModule,
    // Uploads stream to a temporary file, capped at UPLOAD_MAX_BYTES (413 beyond that), in a
    // folder removed when the response closes. File names arrive as UTF-8 (busboy's default,
    // Latin-1, turned "Kåtålog" into "KÃ¥tÃ¥log").
    MulterModule.registerAsync({
      inject: [TORG_CONFIG],
      useFactory: (config: TorgConfig) => ({ storage: uploadStorage(config.uploadTmpDir), defParamCharset: 'utf8', limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } }),
    }),
  ],
  controllers: [CatalogueUploadController],
  providers: [
    CataloguesService,
    CataloguePriceCheck,
    CatalogueReviewPriceClauseResolver,
    CatalogueChangePriceClauseResolver,
    CatalogueVersionRepository,
    CatalogueItemRepository,
    CatalogueLineNoteRepository,
    CataloguesResolver,
    UnspscItemCountResolver,
    AwaitingUnspscRepository,
    UnspscAcceptanceService,
    UnspscSuggestionsResolver,
  ],
  exports: [CataloguesService],
})
export class CataloguesModule {
  constructor(codeUsers: UnspscCodeUsers, catalogues: CataloguesService, classifiedItems: ClassifiedItems, awaiting: AwaitingUnspscRepository) {
    codeUsers.register(catalogues); // items keep their codes through a UNSPSC re-import
    classifiedItems.register(awaiting); // UNSPSC suggestions learn the words of published items
  }
}
