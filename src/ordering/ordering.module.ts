import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CataloguesModule } from '../catalogues/catalogues.module';
import { ClassificationModule } from '../classification/classification.module';
import { UnspscCodeUsers } from '../classification/unspsc-code-users';
import { IdentityModule } from '../identity/identity.module';
import { CartLineResolver, CartResolver } from './cart.resolver';
import { CartRepository } from './cart.repository';
import { CartService } from './cart.service';
import { CartViewBuilder } from './cart-view';
import { TemplateRepository } from './template.repository';
import { TemplatesResolver } from './templates.resolver';
import { TemplatesService } from './templates.service';

/** Ordering: carts, favourites and order templates now; requisitions, approvals and orders build on them. */
@Module({
  imports: [IdentityModule, ClassificationModule, AgreementsModule, CataloguesModule],
  providers: [CartService, CartRepository, CartViewBuilder, CartResolver, CartLineResolver, TemplatesService, TemplateRepository, TemplatesResolver],
  exports: [CartService],
})
export class OrderingModule {
  constructor(codeUsers: UnspscCodeUsers, carts: CartService) {
    codeUsers.register(carts); // cart lines keep their codes through a UNSPSC re-import
  }
}
