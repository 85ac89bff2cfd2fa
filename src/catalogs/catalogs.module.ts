import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { tmpdir } from 'node:os';
import { TORG_CONFIG, TorgConfig } from '../platform/config/config';
import { AgreementsModule } from '../agreements/agreements.module';
import { ClassificationModule } from '../classification/classification.module';
import { IdentityModule } from '../identity/identity.module';
import { CatalogueUploadController } from './catalogue-upload.controller';
import { CatalogsResolver } from './catalogs.resolver';
import { CatalogsService } from './catalogs.service';
import { UnspscItemCountResolver } from './unspsc-item-count.resolver';

@Module({
  imports: [
    AgreementsModule,
    ClassificationModule,
    IdentityModule,
    // Uploads stream to a temporary file, capped at UPLOAD_MAX_BYTES (413 beyond that).
    MulterModule.registerAsync({
      inject: [TORG_CONFIG],
      useFactory: (config: TorgConfig) => ({ dest: tmpdir(), limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } }),
    }),
  ],
  controllers: [CatalogueUploadController],
  providers: [CatalogsService, CatalogsResolver, UnspscItemCountResolver],
  exports: [CatalogsService],
})
export class CatalogsModule {}
