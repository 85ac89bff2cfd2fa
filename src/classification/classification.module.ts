import { Module } from '@nestjs/common';
import { ClassificationResolver } from './classification.resolver';
import { ClassificationService } from './classification.service';
import { UnspscCodeUsers } from './unspsc-code-users';
import { UnspscNodeRepository } from './unspsc-node.repository';
import { ClassifiedItems } from './suggestions/classified-items';
import { UnspscFeatureRepository } from './suggestions/unspsc-feature.repository';
import { UnspscSuggester } from './suggestions/unspsc-suggester';
import { UnspscVocabulary } from './suggestions/unspsc-vocabulary';

@Module({
  providers: [ClassificationService, ClassificationResolver, UnspscNodeRepository, UnspscCodeUsers, UnspscFeatureRepository, UnspscSuggester, UnspscVocabulary, ClassifiedItems],
  exports: [ClassificationService, UnspscCodeUsers, ClassifiedItems],
})
export class ClassificationModule {}
