import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { ClassificationModule } from '../classification/classification.module';
import { CatalogueUploadController } from './catalogue-upload.controller';
import { CatalogsResolver } from './catalogs.resolver';
import { CatalogsService } from './catalogs.service';
import { UnspscItemCountResolver } from './unspsc-item-count.resolver';

@Module({
  imports: [AgreementsModule, ClassificationModule],
  controllers: [CatalogueUploadController],
  providers: [CatalogsService, CatalogsResolver, UnspscItemCountResolver],
  exports: [CatalogsService],
})
export class CatalogsModule {}
