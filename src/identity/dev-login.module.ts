import { Module } from '@nestjs/common';
import { DevLoginResolver } from './dev-login.resolver';
import { IdentityModule } from './identity.module';

/** Imported by AppModule only where config.devLogin allows it; without it devLogin is not in the schema. */
@Module({ imports: [IdentityModule], providers: [DevLoginResolver] })
export class DevLoginModule {}
