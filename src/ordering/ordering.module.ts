import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { CataloguesModule } from '../catalogues/catalogues.module';
import { ClassificationModule } from '../classification/classification.module';
import { UnspscCodeUsers } from '../classification/unspsc-code-users';
import { BuyerSetupModule } from '../identity/buyer-setup/buyer-setup.module';
import { ExchangeModule } from '../exchange/exchange.module';
import { IdentityModule } from '../identity/identity.module';
import { InsightsModule } from '../insights/insights.module';
import { ApprovalNotifier } from './approval-notifier';
import { CartLineAddedResolver, CartLineResolver, CartResolver } from './cart.resolver';
import { CartRepository } from './cart.repository';
import { CartService } from './cart.service';
import { CartViewBuilder } from './cart-view';
import { OrderChangeNotifier } from './order-change-notifier';
import { DespatchAdviceDocuments } from './despatch-advice-documents';
import { DespatchAdviceRepository } from './despatch-advice.repository';
import { DespatchAdvicesService } from './despatch-advices.service';
import { GoodsReceiptRepository } from './goods-receipt.repository';
import { GoodsReceiptsService } from './goods-receipts.service';
import { OrderCommitments } from './order-commitments';
import { OrderDispatch } from './order-dispatch';
import { OrderSpend } from './order-spend';
import { OrderDocumentController } from './order-document.controller';
import { OrderResponseDocuments } from './order-response-documents';
import { OrderResponseRepository } from './order-response.repository';
import { OrderResponsesResolver } from './order-responses.resolver';
import { OrderResponsesService } from './order-responses.service';
import { OrdersResolver } from './orders.resolver';
import { OrdersService } from './orders.service';
import { PurchaseOrderRepository } from './purchase-order.repository';
import { OrderLineReceivingResolver, ReceivingResolver } from './receiving.resolver';
import { RequisitionsService } from './requisitions.service';
import { TemplateRepository } from './template.repository';
import { TemplatesResolver } from './templates.resolver';
import { TemplatesService } from './templates.service';

/** Ordering: carts, favourites and templates; requisitions, approval with commitments, orders, the supplier's answers, despatch advices and goods receipts. */
@Module({
  imports: [IdentityModule, BuyerSetupModule, ClassificationModule, AgreementsModule, CataloguesModule, ExchangeModule, InsightsModule],
  controllers: [OrderDocumentController],
  providers: [
    CartService,
    CartRepository,
    CartViewBuilder,
    CartResolver,
    CartLineResolver,
    CartLineAddedResolver,
    TemplatesService,
    TemplateRepository,
    TemplatesResolver,
    PurchaseOrderRepository,
    OrdersService,
    RequisitionsService,
    OrderCommitments,
    OrderDispatch,
    OrderSpend,
    ApprovalNotifier,
    OrdersResolver,
    OrderResponseRepository,
    OrderResponsesService,
    OrderChangeNotifier,
    OrderResponseDocuments,
    OrderResponsesResolver,
    DespatchAdviceRepository,
    DespatchAdvicesService,
    DespatchAdviceDocuments,
    GoodsReceiptRepository,
    GoodsReceiptsService,
    ReceivingResolver,
    OrderLineReceivingResolver,
  ],
  exports: [CartService, OrdersService, GoodsReceiptsService],
})
export class OrderingModule {
  constructor(codeUsers: UnspscCodeUsers, carts: CartService, orders: OrdersService) {
    codeUsers.register(carts); // cart lines keep their codes through a UNSPSC re-import
    codeUsers.register(orders); // and so do order lines
  }
}
