import { Module } from '@nestjs/common';
import { ClassificationResolver } from './classification.resolver';
import { ClassificationService } from './classification.service';
import { UnspscCodeUsers } from './unspsc-code-users';
import { UnspscNodeRepository } from './unspsc-node.repository';

@Module({ providers: [ClassificationService, ClassificationResolver, UnspscNodeRepository, UnspscCodeUsers], exports: [ClassificationService, UnspscCodeUsers] })
export class ClassificationModule {}
