import { Module } from '@nestjs/common';
import { DevClientTokenResolver } from './dev-client-token.resolver';
import { DevLoginResolver } from './dev-login.resolver';
import { IdentityModule } from './identity.module';

/** Imported by AppModule only where config.devLogin allows it; without it devLogin and devClientToken are not in the schema. */
@Module({ imports: [IdentityModule], providers: [DevLoginResolver, DevClientTokenResolver] })
export class DevLoginModule {}
