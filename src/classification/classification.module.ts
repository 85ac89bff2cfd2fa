import { Module } from '@nestjs/common';
import { ClassificationResolver } from './classification.resolver';
import { ClassificationService } from './classification.service';

@Module({ providers: [ClassificationService, ClassificationResolver], exports: [ClassificationService] })
export class ClassificationModule {}
