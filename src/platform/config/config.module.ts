import { DynamicModule, Global, Module } from '@nestjs/common';
import { TORG_CONFIG, TorgConfig } from './config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: TorgConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: TORG_CONFIG, useValue: config }], exports: [TORG_CONFIG] };
  }
}
